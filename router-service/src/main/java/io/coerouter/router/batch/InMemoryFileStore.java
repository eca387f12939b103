package io.coerouter.router.batch;

import io.coerouter.router.ids.Ids;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Files in a map, each as a list of chunks that are never changed once stored. */
final class InMemoryFileStore implements FileStore {

    private record Entry(StoredFile file, List<byte[]> chunks, long sequence) {}

    private final Clock clock;
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    InMemoryFileStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StoredFile put(String filename, String purpose, InputStream content, String apiKeyId) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long bytes = 0;
        for (byte[] chunk; (chunk = content.readNBytes(CHUNK_BYTES)).length > 0; ) {
            chunks.add(chunk);
            bytes += chunk.length;
        }
        StoredFile file =
                StoredFile.of(Ids.next("file-"), bytes, clock.instant().getEpochSecond(), filename, purpose, apiKeyId);
        files.put(file.id(), new Entry(file, List.copyOf(chunks), sequence.incrementAndGet()));
        return file;
    }

    @Override
    public Optional<StoredFile> find(String id) {
        if (!FileStore.validId(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(files.get(id)).map(Entry::file);
    }

    @Override
    public Optional<InputStream> open(String id) {
        return Optional.ofNullable(files.get(id))
                .map(e -> new SequenceInputStream(Collections.enumeration(e.chunks().stream()
                        .<InputStream>map(ByteArrayInputStream::new)
                        .toList())));
    }

    @Override
    public List<StoredFile> list(String purpose) {
        return files.values().stream()
                .filter(e -> purpose == null || e.file().purpose().equals(purpose))
                .sorted(Comparator.comparingLong(Entry::sequence).reversed())
                .map(Entry::file)
                .toList();
    }

    @Override
    public boolean delete(String id) {
        return files.remove(id) != null;
    }

    @Override
    public Usage usage(String apiKeyId) {
        long stored = 0;
        long keyBytes = 0;
        long keyFiles = 0;
        for (Entry e : files.values()) {
            stored += e.file().bytes();
            if (Objects.equals(e.file().apiKeyId(), apiKeyId)) {
                keyBytes += e.file().bytes();
                keyFiles++;
            }
        }
        return new Usage(stored, keyBytes, keyFiles);
    }
}
