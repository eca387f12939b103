package io.coerouter.router.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a cached answer is cut into the chunks of a replayed stream. */
class CacheHeadersTest {

    @Test
    void chunksJoinBackToTheAnswerAndAreCutAfterSpaces() {
        String answer = "The quick brown fox jumps over the lazy dog, and then it runs far away into the woods.";

        List<String> chunks = CacheHeaders.chunks(answer);

        assertThat(String.join("", chunks)).isEqualTo(answer);
        assertThat(chunks).hasSizeGreaterThan(1).allSatisfy(c -> assertThat(c.length())
                .isLessThanOrEqualTo(CacheHeaders.CHUNK_CHARS));
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c).endsWith(" "));
    }

    @Test
    void aSurrogatePairIsNeverSplitAndTextWithoutSpacesIsCutAnyway() {
        String emoji = "x".repeat(CacheHeaders.CHUNK_CHARS - 1) + "😀" + "y".repeat(100);

        List<String> chunks = CacheHeaders.chunks(emoji);

        assertThat(String.join("", chunks)).isEqualTo(emoji);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse();
            assertThat(Character.isLowSurrogate(c.charAt(0))).isFalse();
        });
        assertThat(CacheHeaders.chunks("")).isEmpty();
        assertThat(CacheHeaders.chunks("short")).containsExactly("short");
    }
}
