package io.coerouter.router.config;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Expert profiles.
 *
 * @param location a profile set JSON loaded at start-up ({@code classpath:...} or a file path); empty for none
 * @param keepVersions how many versions the store keeps
 * @param jobBatchSize questions per batch call in profiling and evaluation jobs
 * @param jobMaxTokens the answer length limit in those jobs
 * @param evalDir the folder whose JSONL files admin jobs may name in {@code eval_path}; unset: none (only the
 *     built-in sets and uploads in {@code eval_set})
 * @param evalMaxSize the largest evaluation set a job reads, uploaded or from the folder
 * @param evalMaxLines the most lines in one evaluation set
 */
public record ProfilesProperties(
        @DefaultValue("classpath:coe-demo-experts/profiles.json") String location,
        @DefaultValue("10") int keepVersions,
        @DefaultValue("16") int jobBatchSize,
        @DefaultValue("64") int jobMaxTokens,
        String evalDir,
        @DefaultValue("8MB") DataSize evalMaxSize,
        @DefaultValue("20000") int evalMaxLines) {

    public ProfilesProperties {
        if (evalMaxSize == null || evalMaxSize.toBytes() <= 0) {
            throw new IllegalArgumentException("coe.profiles.eval-max-size must be > 0, but was " + evalMaxSize);
        }
        if (evalMaxLines <= 0) {
            throw new IllegalArgumentException("coe.profiles.eval-max-lines must be > 0, but was " + evalMaxLines);
        }
    }
}
