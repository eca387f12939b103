package io.coerouter.router.batch;

import io.coerouter.router.chat.Ids;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Files in a map. */
final class InMemoryFileStore implements FileStore {

    private record Entry(StoredFile file, byte[] content, long sequence) {}

    private final Clock clock;
    private final Map<String, Entry> files = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

    InMemoryFileStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StoredFile put(String filename, String purpose, byte[] content, String apiKeyId) {
        StoredFile file = StoredFile.of(
                Ids.next("file-"), content.length, clock.instant().getEpochSecond(), filename, purpose, apiKeyId);
        files.put(file.id(), new Entry(file, content.clone(), sequence.incrementAndGet()));
        return file;
    }

    @Override
    public Optional<StoredFile> find(String id) {
        return Optional.ofNullable(files.get(id)).map(Entry::file);
    }

    @Override
    public Optional<byte[]> content(String id) {
        return Optional.ofNullable(files.get(id)).map(e -> e.content().clone());
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
}
