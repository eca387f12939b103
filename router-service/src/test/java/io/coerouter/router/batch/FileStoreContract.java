package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link FileStore} does; each implementation's test runs it. */
abstract class FileStoreContract {

    /** A fresh, empty store. */
    abstract FileStore store();

    /** Another view of the same store, as a second replica sees it (the same object for an in-memory store). */
    abstract FileStore replica(FileStore store);

    @Test
    void aStoredFileIsFoundWithItsDescriptionAndExactBytes() {
        FileStore store = store();
        byte[] content = {0, 1, (byte) 0xff, (byte) 0xc3, '\n', 'z'}; // not UTF-8: bytes must survive as they are

        StoredFile file = store.put("in.jsonl", "batch", content, null);

        assertThat(file.id()).startsWith("file-");
        assertThat(file.bytes()).isEqualTo(content.length);
        assertThat(file.filename()).isEqualTo("in.jsonl");
        assertThat(file.purpose()).isEqualTo("batch");
        assertThat(replica(store).find(file.id())).contains(file);
        assertThat(replica(store).content(file.id()))
                .hasValueSatisfying(c -> assertThat(c).isEqualTo(content));
        assertThat(store.find("file-missing")).isEmpty();
        assertThat(store.content("file-missing")).isEmpty();
    }

    @Test
    void filesAreListedNewestFirstByPurpose() {
        FileStore store = store();
        StoredFile a = store.put("a.jsonl", "batch", bytes("a"), null);
        StoredFile b = store.put("b.jsonl", "batch_output", bytes("b"), null);
        StoredFile c = store.put("c.jsonl", "batch", bytes("c"), null);

        assertThat(replica(store).list(null)).containsExactly(c, b, a);
        assertThat(store.list("batch")).containsExactly(c, a);
        assertThat(store.list("other")).isEmpty();
    }

    @Test
    void aDeletedFileIsGoneAndDeletingItAgainSaysSo() {
        FileStore store = store();
        StoredFile file = store.put("a.jsonl", "batch", bytes("a"), null);

        assertThat(store.delete(file.id())).isTrue();

        assertThat(replica(store).find(file.id())).isEmpty();
        assertThat(store.content(file.id())).isEmpty();
        assertThat(store.list(null)).isEmpty();
        assertThat(store.delete(file.id())).isFalse();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
