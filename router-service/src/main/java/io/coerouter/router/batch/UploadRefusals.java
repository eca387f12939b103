package io.coerouter.router.batch;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import java.time.Duration;

/**
 * The error each {@link UploadLimits.Refusal} is: one file too large is too large, a full quota is out of quota, too
 * many uploads at once is rate limited (retry in a second), an upload too slow is a timeout.
 */
public final class UploadRefusals {

    private UploadRefusals() {}

    public static RouterException error(UploadLimits.Refusal refusal) {
        return switch (refusal) {
            case FILE_TOO_LARGE ->
                new RouterException(
                        ErrorKind.TOO_LARGE,
                        "The uploaded file is larger than the limit (coe.batch.max-file-size).",
                        "file",
                        "file_too_large");
            case TOO_MANY_UPLOADS ->
                new RouterException(
                        ErrorKind.RATE_LIMITED,
                        "Too many uploads at once (coe.batch.max-concurrent-uploads); retry shortly.",
                        null,
                        "too_many_concurrent_uploads",
                        Duration.ofSeconds(1),
                        null);
            case KEY_UPLOADS ->
                new RouterException(
                        ErrorKind.RATE_LIMITED,
                        "This API key is sending as many uploads at once as a key may"
                                + " (coe.batch.max-concurrent-uploads-per-key); retry shortly.",
                        null,
                        "too_many_concurrent_uploads",
                        Duration.ofSeconds(1),
                        null);
            case UPLOAD_TIMEOUT ->
                new RouterException(
                        ErrorKind.REQUEST_TIMEOUT,
                        "The upload took longer than the limit (coe.batch.upload-timeout); nothing was stored.",
                        "file",
                        "upload_timeout");
            case STORAGE_FULL -> quota("The file store is full (coe.batch.max-stored-bytes); delete files and retry.");
            case KEY_BYTES ->
                quota("This API key's files hold as many bytes as a key may (coe.batch.max-key-bytes);"
                        + " delete files and retry.");
            case KEY_FILES ->
                quota("This API key holds as many files as a key may (coe.batch.max-key-files);"
                        + " delete files and retry.");
        };
    }

    private static RouterException quota(String message) {
        return new RouterException(ErrorKind.QUOTA_EXCEEDED, message, "file", "insufficient_quota");
    }
}
