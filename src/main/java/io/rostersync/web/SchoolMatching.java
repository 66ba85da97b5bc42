package io.rostersync.web;

import io.rostersync.directory.DirectoryReads;
import io.rostersync.directory.DirectorySchool;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.directory.RecordState;
import io.rostersync.intake.Intakes;
import io.rostersync.oneroster.OneRosterReader;
import io.rostersync.oneroster.Org;
import io.rostersync.oneroster.RecordStatus;
import io.rostersync.web.console.SchoolRow;
import io.rostersync.web.console.SchoolSuggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Step 3 of the setup: the schools of the district's latest read drop beside ours, each matched by
 * its School ID or with a suggestion; matching one of ours to it, or creating it. The matches are
 * written through the directory's {@link HandMadeRecords}, like any admin's edit.
 */
@Component
class SchoolMatching {

    private final Intakes intakes;
    private final DirectoryReads directory;
    private final DirectoryStore store;

    SchoolMatching(DataSource dataSource) {
        this.intakes = new Intakes(dataSource);
        this.directory = new DirectoryReads(dataSource);
        this.store = new DirectoryStore(dataSource);
    }

    /** The active schools of the latest drop the district sent that was read; empty when none was. */
    Optional<List<Org>> latestSchools(District district) throws SQLException, IOException {
        Optional<Intakes.Intake> latest = intakes.latestRead(district.id());
        if (latest.isEmpty() || latest.get().purgedAt() != null) {
            return Optional.empty();
        }
        Path orgs = latest.get().path().resolve("orgs.csv");
        if (!Files.isRegularFile(orgs)) {
            return Optional.of(List.of()); // a drop without orgs.csv names no schools
        }
        // orgs.csv alone, so that a big district's users and enrollments are not read for a page of schools
        Path alone = Files.createTempDirectory("rostersync-orgs");
        try {
            Files.copy(orgs, alone.resolve("orgs.csv"));
            try (Stream<Org> read = OneRosterReader.read(alone).snapshot().orgs()) {
                return Optional.of(read.filter(o -> o.isSchool() && o.status() != RecordStatus.TO_BE_DELETED)
                        .sorted(java.util.Comparator.comparing(Org::name)).toList());
            }
        } finally {
            Files.deleteIfExists(alone.resolve("orgs.csv"));
            Files.deleteIfExists(alone);
        }
    }

    /** Each school of the latest drop, matched or with a suggestion among our schools not yet matched. */
    List<SchoolRow> rows(District district, List<Org> schools) throws SQLException {
        List<DirectorySchool> ours = directory.schools(district.id()).stream()
                .filter(s -> s.state() != RecordState.ARCHIVED).toList();
        List<SchoolSuggestions.Candidate> unmatched = ours.stream().filter(s -> s.schoolIds().isEmpty())
                .map(s -> new SchoolSuggestions.Candidate(s.id(), s.name())).toList();
        List<SchoolRow> rows = new ArrayList<>();
        for (Org org : schools) {
            Optional<DirectorySchool> matched = ours.stream().filter(s -> s.schoolIds().contains(org.sourcedId()))
                    .findFirst();
            Optional<SchoolSuggestions.Suggestion> suggested = matched.isPresent() ? Optional.empty()
                    : SchoolSuggestions.suggest(org.name(), org.identifier(), unmatched);
            rows.add(new SchoolRow(org.sourcedId(), org.name(), org.identifier(),
                    matched.map(DirectorySchool::id).orElse(null), matched.map(DirectorySchool::name).orElse(null),
                    suggested.map(SchoolSuggestions.Suggestion::schoolId).orElse(null),
                    suggested.map(SchoolSuggestions.Suggestion::name).orElse(null)));
        }
        return rows;
    }

    /** Our schools without a School ID, which a OneRoster school may be matched to. */
    List<DirectorySchool> unmatched(District district) throws SQLException {
        return directory.schools(district.id()).stream()
                .filter(s -> s.state() != RecordState.ARCHIVED && s.schoolIds().isEmpty()).toList();
    }

    /** Gives our school the School ID of the OneRoster school; the next sync links them. */
    void match(District district, Org org, DirectorySchool school) throws SQLException {
        try (DirectoryTransaction tx = store.begin(district.id())) {
            HandMadeRecords.in(tx).addSchoolId(school.id(), org.sourcedId());
            tx.commit();
        }
    }

    /** Creates the OneRoster school in our directory, with its School ID; returns its id. */
    long create(District district, Org org) throws SQLException {
        try (DirectoryTransaction tx = store.begin(district.id())) {
            HandMadeRecords records = HandMadeRecords.in(tx);
            long id = records.addSchool(org.name());
            records.addSchoolId(id, org.sourcedId());
            tx.commit();
            return id;
        }
    }
}
