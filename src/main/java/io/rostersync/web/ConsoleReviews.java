package io.rostersync.web;

import io.rostersync.directory.ClassroomReads;
import io.rostersync.directory.DirectoryStore;
import io.rostersync.directory.DirectoryTransaction;
import io.rostersync.directory.District;
import io.rostersync.directory.EntityKind;
import io.rostersync.directory.HandMadeRecords;
import io.rostersync.directory.PeopleReads;
import io.rostersync.sync.Reviews;
import io.rostersync.web.console.QuestionView;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reviews: the sync's questions (a record of the files that could be several people or classrooms
 * of ours, or one that matches only weakly: pick the right one, or create a new one), and the
 * records that left the files and wait out their grace period (keep one, or let it go now).
 */
@Controller
class ConsoleReviews {

    private static final String ACTION = "review the sync's questions";
    private static final int LEAVING_SHOWN = 200;

    private final Access access;
    private final Audit audit;
    private final Reviews reviews;
    private final PeopleReads people;
    private final ClassroomReads classrooms;
    private final DirectoryStore store;

    ConsoleReviews(Access access, Audit audit, DataSource dataSource) {
        this.access = access;
        this.audit = audit;
        this.reviews = new Reviews(dataSource);
        this.people = new PeopleReads(dataSource);
        this.classrooms = new ClassroomReads(dataSource);
        this.store = new DirectoryStore(dataSource);
    }

    @GetMapping("/console/reviews")
    String page(@AuthenticationPrincipal Caller caller, Model model) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        List<QuestionView> questions = views(d);
        model.addAttribute("questions", questions);
        model.addAttribute("open", questions.stream().filter(q -> !q.question().answered()).count());
        model.addAttribute("leaving", people.pendingRemoval(d.id(), LEAVING_SHOWN));
        model.addAttribute("leavingShown", LEAVING_SHOWN);
        return ConsolePages.page(model, caller, d, "reviews");
    }

    /** Answers a question: one of its candidates, or (no candidate) a new record. */
    @PostMapping("/console/reviews/answer")
    String answer(@AuthenticationPrincipal Caller caller, @RequestParam String kind, @RequestParam String record,
            @RequestParam(required = false) Long candidate) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        Reviews.Question q = question(d, kind, record);
        if (candidate != null && !q.candidates().contains(candidate)) {
            throw ApiProblem.invalid("Record " + candidate + " is not one the sync found for " + record + ".",
                    "Pick one of the records listed with the question, or create a new one.");
        }
        ConsolePages.unlessSyncing(() -> reviews.answer(d.id(), q.kind(), record, candidate, caller.name()));
        audit.record(caller, "review.answer", q.kind().label() + " " + record, candidate == null
                ? "nobody in the directory: the next sync creates it" : "is " + (q.kind() == EntityKind.CLASSROOMS
                        ? "classroom " : "person ") + candidate + ", linked by the next sync");
        return "redirect:/console/reviews#q-" + q.kind().label() + "-" + record;
    }

    @PostMapping("/console/reviews/withdraw")
    String withdraw(@AuthenticationPrincipal Caller caller, @RequestParam String kind, @RequestParam String record)
            throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), ACTION);
        Reviews.Question q = question(d, kind, record);
        ConsolePages.unlessSyncing(() -> reviews.withdraw(d.id(), q.kind(), record));
        audit.record(caller, "review.withdraw", q.kind().label() + " " + record, "the next sync asks again");
        return "redirect:/console/reviews#q-" + q.kind().label() + "-" + record;
    }

    /** Keeps a record that left the files (it is no longer the sync's), or archives it now. */
    @PostMapping("/console/reviews/leaving/{table}/{id}/{what}")
    String leaving(@AuthenticationPrincipal Caller caller, @PathVariable String table, @PathVariable long id,
            @PathVariable String what) throws SQLException {
        District d = access.districtAdmin(caller, caller.district(), "decide on records leaving");
        if (!List.of("person", "classroom").contains(table) || !List.of("keep", "let-go").contains(what)) {
            throw ApiProblem.notFound("Page");
        }
        boolean[] done = new boolean[1];
        ConsolePages.unlessSyncing(() -> {
            try (DirectoryTransaction tx = store.begin(d.id())) {
                HandMadeRecords records = HandMadeRecords.in(tx);
                done[0] = what.equals("keep") ? records.keepLeaving(table, id) : records.archiveLeaving(table, id);
                // no answer may link the record again: it is no longer the sync's
                Reviews.forgetAnswersNaming(tx, table, id);
                tx.commit();
            }
        });
        if (!done[0]) {
            throw ApiProblem.notFound("A " + table + " " + id + " waiting out its grace period");
        }
        audit.record(caller, what.equals("keep") ? "leaving.keep" : "leaving.archive", table + " " + id,
                what.equals("keep") ? "kept: no longer managed by the sync" : "archived before its grace period ended");
        return "redirect:/console/reviews#leaving";
    }

    private Reviews.Question question(District d, String kind, String record) throws SQLException {
        return reviews.questions(d.id()).stream()
                .filter(q -> q.kind().label().equals(kind) && q.sourcedId().equals(record)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("An open question about " + kind + " " + record));
    }

    private List<QuestionView> views(District d) throws SQLException {
        List<QuestionView> out = new ArrayList<>();
        for (Reviews.Question q : reviews.questions(d.id())) {
            List<QuestionView.Candidate> candidates = new ArrayList<>();
            if (q.kind() == EntityKind.CLASSROOMS) {
                for (long id : q.candidates()) {
                    classrooms.page(d.id(), id).ifPresent(p -> candidates.add(new QuestionView.Candidate(id,
                            p.classroom().title(), p.classroom().schoolName() + " · " + p.students().size()
                                    + " students" + (p.classroom().teachers().isEmpty() ? "" : " · "
                                            + p.classroom().teachers().get(0).name()),
                            p.classroom().managed(), "/console/classrooms/" + id)));
                }
            } else {
                for (PeopleReads.Row r : people.rows(d.id(), q.candidates())) {
                    List<String> facts = new ArrayList<>();
                    facts.add(String.join(", ", r.roles()));
                    if (r.grade() != null) {
                        facts.add("grade " + r.grade());
                    }
                    if (r.studentNumber() != null) {
                        facts.add("student number " + r.studentNumber());
                    }
                    if (r.email() != null) {
                        facts.add(r.email());
                    }
                    facts.add(r.managed() ? "synced" : "made by hand");
                    candidates.add(new QuestionView.Candidate(r.id(), r.name(), String.join(" · ", facts),
                            r.managed(), "/console/people/" + r.id()));
                }
            }
            out.add(new QuestionView(q, candidates));
        }
        return out;
    }
}
