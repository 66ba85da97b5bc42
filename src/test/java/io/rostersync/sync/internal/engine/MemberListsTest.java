package io.rostersync.sync.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.carrotsearch.hppc.LongHashSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The remembered members of each classroom: coded compactly, read back exactly, copied without decoding. */
class MemberListsTest {

    private static final long BIG = MembershipStep.pack(40_000_000_000L, 3, true) << 1 | 1;

    @Test
    void readsBackEveryClassroomsMembersAsWritten() {
        Random random = new Random(7);
        long[][] members = new long[300][];
        MemberLists.Writer writer = new MemberLists.Writer(16);
        for (int c = 0; c < members.length; c++) {
            long[] values = random.longs(random.nextInt(40), 0, 1L << 40).distinct().sorted().toArray();
            if (c == 5) {
                values = new long[] {0, 1, BIG};
            }
            members[c] = values;
            writer.write(1000 + c * 7L, values);
        }
        MemberLists lists = MemberLists.decode(writer.finish(12_345)).orElseThrow();
        assertThat(lists.managed()).isEqualTo(12_345);
        for (int c = 0; c < members.length; c++) {
            long classroom = 1000 + c * 7L;
            assertThat(lists.has(classroom)).isTrue();
            assertThat(lists.count(classroom)).isEqualTo(members[c].length);
            assertThat(lists.values(classroom)).containsExactly(members[c]);
            assertThat(lists.holds(classroom, members[c])).isTrue();
        }
        assertThat(lists.has(999)).isFalse();
        assertThat(lists.values(999)).isEmpty();
        assertThat(lists.holds(999, new long[0])).isFalse();
    }

    @Test
    void aClassroomWithOtherMembersIsNotHeldAsUnchanged() {
        MemberLists.Writer writer = new MemberLists.Writer(16);
        writer.write(1, new long[] {10, 20, 30});
        writer.write(2, new long[0]);
        MemberLists lists = MemberLists.decode(writer.finish(3)).orElseThrow();
        assertThat(lists.holds(1, new long[] {10, 20, 31})).isFalse();
        assertThat(lists.holds(1, new long[] {10, 20})).isFalse();
        assertThat(lists.holds(1, new long[] {10, 20, 30, 40})).isFalse();
        assertThat(lists.holds(2, new long[0])).isTrue();
        assertThat(lists.holds(2, new long[] {10})).isFalse();
    }

    @Test
    void copiesTheClassroomsARunLeftAsTheyWereByteForByte() {
        MemberLists.Writer writer = new MemberLists.Writer(16);
        writer.write(1, new long[] {10, 20});
        writer.write(2, new long[] {5});
        writer.write(3, new long[] {7, 8, 9});
        byte[] blob = writer.finish(6);
        MemberLists lists = MemberLists.decode(blob).orElseThrow();

        MemberLists.Writer all = new MemberLists.Writer(16);
        lists.copyAllBut(new LongHashSet(), all);
        assertThat(all.finish(6)).isEqualTo(blob);

        MemberLists.Writer unchanged = new MemberLists.Writer(16);
        lists.copyAllBut(LongHashSet.from(2), unchanged);
        MemberLists.Writer next = unchanged.copy(16);
        next.write(2, new long[] {5, 6});
        MemberLists after = MemberLists.decode(next.finish(7)).orElseThrow();
        assertThat(after.values(1)).containsExactly(10, 20);
        assertThat(after.values(2)).containsExactly(5, 6);
        assertThat(after.values(3)).containsExactly(7, 8, 9);
        // the copy left the writer it came from as it was
        assertThat(MemberLists.decode(unchanged.finish(4)).orElseThrow().has(2)).isFalse();
    }

    @Test
    void aBlobOfTheEarlierFormatOrCutShortIsNotRead() {
        ByteBuffer old = ByteBuffer.allocate(12 + 16);
        old.putLong(3).putInt(1).putLong(1).putLong(0x1234_5678_9ABCL);
        assertThat(MemberLists.decode(old.array())).isEmpty();
        assertThat(MemberLists.decode(new byte[0])).isEmpty();

        MemberLists.Writer writer = new MemberLists.Writer(16);
        writer.write(1, new long[] {10, 20, 1L << 50});
        byte[] blob = writer.finish(3);
        for (int cut = 1; cut < blob.length - 16; cut++) {
            assertThat(MemberLists.decode(Arrays.copyOf(blob, blob.length - cut))).isEmpty();
        }
    }

    @Test
    void refusesMembersThatDoNotAscend() {
        MemberLists.Writer writer = new MemberLists.Writer(16);
        assertThatThrownBy(() -> writer.write(1, new long[] {20, 10})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.write(1, new long[] {10, 10})).isInstanceOf(IllegalArgumentException.class);
    }
}
