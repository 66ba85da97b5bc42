package io.rostersync.sync.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rostersync.sync.internal.plan.Ids;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Fingerprints already stored by earlier runs stay valid: the hash is defined on the sorted fields' text. */
class PeopleFingerprintTest {

    /** The definition: each field as key, U+0001, value, U+0002, keys in natural order, hashed as one string. */
    private static long defined(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        for (String key : new TreeSet<>(fields.keySet())) {
            b.append(key).append('\u0001').append(fields.get(key)).append('\u0002');
        }
        return Ids.hash(b.toString());
    }

    @Test
    void isTheDefinedHashForEveryShapeOfPerson() {
        Map<String, String> student = new LinkedHashMap<>();
        student.put("roles", "student@12");
        student.put("given_name", "Ana");
        student.put("family_name", "Núñez");
        student.put("grade", "05");
        student.put("student_number", "S-100");
        Map<String, String> guardian = Map.of("given_name", "Dana", "family_name", "Okafor", "email",
                "dana@example.org", "sms_phone", "+15550100", "roles", "parent@district,teacher@3");
        Map<String, String> unknownField = new LinkedHashMap<>(student);
        unknownField.put("nickname", "Annie");
        for (Map<String, String> fields : java.util.List.of(student, guardian, unknownField, Map.<String, String>of())) {
            assertThat(PeopleStep.fingerprint(fields)).as(fields.toString()).isEqualTo(defined(fields));
        }
        Map<String, String> renamed = new LinkedHashMap<>(student);
        renamed.put("given_name", "Anna");
        assertThat(PeopleStep.fingerprint(renamed)).isNotEqualTo(PeopleStep.fingerprint(student));
    }
}
