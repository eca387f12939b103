package io.coerouter.router.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
    void anIdTheStoreDoesNotMakeNamesNoFileEvenWhenItNamesAnotherKey() {
        FileStore store = store();
        StoredFile file = store.put("a.jsonl", "batch", bytes("a"), null);

        for (String id : java.util.List.of(
                file.id() + ":chunks", file.id() + ":", "file-a b", "file-" + "a".repeat(100), "file-", "", "x")) {
            assertThat(store.find(id)).as(id).isEmpty();
            assertThat(store.content(id)).as(id).isEmpty();
            assertThat(store.delete(id)).as(id).isFalse();
        }
        assertThat(store.find(file.id())).isPresent();
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

    @Test
    void aLargeFileGoesInAndComesOutInChunksByteForByte() throws Exception {
        FileStore store = store();
        long size = 40L * 1024 * 1024 + 12345; // not a whole number of chunks
        Generated in = new Generated(size, 7);

        StoredFile file = store.put("big.jsonl", "batch", in, "key_a");

        assertThat(file.bytes()).isEqualTo(size);
        assertThat(store.usage("key_a").keyBytes()).isEqualTo(size);
        try (InputStream back = replica(store).open(file.id()).orElseThrow()) {
            assertThat(digest(back)).isEqualTo(in.digest());
        }
        assertThat(store.delete(file.id())).isTrue();
    }

    @Test
    void usageCountsBytesInAllAndBytesAndFilesPerKeyAndADeleteFreesThem() {
        FileStore store = store();
        StoredFile a = store.put("a.jsonl", "batch", bytes("aaaa"), "key_a");
        store.put("b.jsonl", "batch", bytes("bb"), "key_a");
        store.put("c.jsonl", "batch", bytes("c"), "key_b");
        store.put("d.jsonl", "batch", bytes("ddd"), null);

        assertThat(replica(store).usage("key_a")).isEqualTo(new FileStore.Usage(10, 6, 2));
        assertThat(store.usage("key_b")).isEqualTo(new FileStore.Usage(10, 1, 1));
        assertThat(store.usage(null)).isEqualTo(new FileStore.Usage(10, 3, 1));
        assertThat(store.usage("key_c")).isEqualTo(new FileStore.Usage(10, 0, 0));

        store.delete(a.id());

        assertThat(replica(store).usage("key_a")).isEqualTo(new FileStore.Usage(6, 2, 1));
    }

    @Test
    void anUploadWhoseStreamFailsLeavesNothingBehind() {
        FileStore store = store();
        InputStream failing = new SequenceInputStream(new Generated(3L * FileStore.CHUNK_BYTES, 1), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the client went away");
            }
        });

        assertThatThrownBy(() -> store.put("x.jsonl", "batch", failing, "key_a"))
                .isInstanceOf(IOException.class)
                .hasMessage("the client went away");

        assertThat(replica(store).list(null)).isEmpty();
        assertThat(store.usage("key_a")).isEqualTo(new FileStore.Usage(0, 0, 0));
    }

    /** {@code size} pseudo-random bytes made as they are read, never held, with the digest of what was read. */
    static final class Generated extends InputStream {

        private final long size;
        private final java.util.Random random;
        private final MessageDigest digest = sha256();
        private long made;

        Generated(long size, long seed) {
            this.size = size;
            this.random = new java.util.Random(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (made >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - made);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, buffer, offset, n);
            digest.update(chunk);
            made += n;
            return n;
        }

        byte[] digest() {
            return digest.digest();
        }
    }

    static byte[] digest(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
