package io.coerouter.router.batch.web;

import io.coerouter.router.batch.FileStore;
import io.coerouter.router.batch.StoredFile;
import io.coerouter.router.batch.UploadLimits;
import io.coerouter.router.batch.UploadRefusals;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.security.KeyAccess;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;

/**
 * {@code POST /v1/files}'s body: a multipart form with {@code purpose} and {@code file}, admitted by the {@link
 * UploadLimits} before it is read, parsed from the request's stream as it arrives, and stored chunk by chunk.
 */
final class MultipartUploads {

    /** Parts smaller than this stay in memory; larger ones spill to disk. */
    private static final int IN_MEMORY_BYTES = 8 * 1024;

    /** Parts in one upload's form: {@code purpose}, {@code file}, and a few a client may add. */
    private static final long MAX_PARTS = 16;

    /** The headers of one part; a longer section (a huge file name, say) is a 400. */
    private static final int MAX_PART_HEADER_BYTES = 8 * 1024;

    private static final int MAX_FILE_NAME_CHARS = 255;
    private static final int MAX_PURPOSE_BYTES = 64;

    private final FileStore files;
    private final UploadLimits limits;

    MultipartUploads(FileStore files, UploadLimits limits) {
        this.files = files;
        this.limits = limits;
    }

    /**
     * Stores an uploaded file: multipart/form-data with {@code purpose} and {@code file}. The file part is read
     * whether or not it names a file name (some clients send bytes without one). The upload is admitted by the {@link
     * UploadLimits} before its body is read, the body is parsed here from the request's stream as it is received
     * (watched for the upload's deadline), every part past a few kilobytes spills to disk, and the file's bytes go to
     * the store in chunks: no file is ever held whole in memory.
     */
    StoredFile upload(HttpServletRequest request) throws IOException {
        if (request.getContentType() == null || !request.getContentType().startsWith("multipart/")) {
            throw RouterException.invalid(
                    "file",
                    "invalid_request",
                    "Upload files as multipart/form-data with the fields 'file' and 'purpose'.");
        }
        String owner = KeyAccess.keyId(request);
        try (UploadLimits.Upload upload = limits.begin(owner, request.getContentLengthLong())) {
            List<FileItem> items = parse(request, upload);
            try {
                FileItem purposeItem = item(items, "purpose");
                FileItem part = item(items, "file");
                String purpose = purposeItem == null || purposeItem.getSize() > MAX_PURPOSE_BYTES
                        ? null
                        : purposeItem.getString(StandardCharsets.UTF_8.name());
                if (purposeItem == null || (purpose != null && purpose.isBlank())) {
                    throw RouterException.invalid(
                            "purpose", "missing_required_parameter", "Missing required parameter: 'purpose'.");
                }
                if (!"batch".equals(purpose)) {
                    throw RouterException.invalid(
                            "purpose",
                            "invalid_value",
                            "Invalid purpose; CoE Router stores files for purpose 'batch'.");
                }
                if (part == null) {
                    throw RouterException.invalid(
                            "file", "missing_required_parameter", "Missing required parameter: 'file'.");
                }
                String name = fileName(part.getName());
                try (PushbackInputStream content = new PushbackInputStream(upload.guard(part.getInputStream()), 1)) {
                    int first = content.read();
                    if (first < 0) {
                        throw RouterException.invalid("file", "invalid_value", "The uploaded file is empty.");
                    }
                    content.unread(first);
                    return files.put(name, purpose, content, owner);
                }
            } finally {
                items.forEach(FileItem::delete);
            }
        } catch (UploadLimits.RefusedException e) {
            throw UploadRefusals.error(e.refusal());
        }
    }

    /** The body's parts, read from the request's stream through the upload's deadline watch. */
    private List<FileItem> parse(HttpServletRequest request, UploadLimits.Upload upload)
            throws UploadLimits.RefusedException {
        Object tempDir = request.getServletContext().getAttribute(ServletContext.TEMPDIR);
        FileUpload parser = new FileUpload();
        parser.setFileItemFactory(new DiskFileItemFactory(
                IN_MEMORY_BYTES, tempDir instanceof File dir ? dir : new File(System.getProperty("java.io.tmpdir"))));
        parser.setFileSizeMax(limits.maxFileBytes());
        parser.setSizeMax(limits.maxFileBytes() + UploadLimits.FRAMING);
        parser.setFileCountMax(MAX_PARTS);
        parser.setPartHeaderSizeMax(MAX_PART_HEADER_BYTES);
        parser.setHeaderEncoding(StandardCharsets.UTF_8.name());
        try {
            InputStream body = upload.watch(request.getInputStream());
            return parser.parseRequest(new UploadContext() {
                @Override
                public String getCharacterEncoding() {
                    return request.getCharacterEncoding();
                }

                @Override
                public String getContentType() {
                    return request.getContentType();
                }

                @Override
                public InputStream getInputStream() {
                    return body;
                }

                @Override
                public long contentLength() {
                    return request.getContentLengthLong();
                }
            });
        } catch (IOException | RuntimeException e) {
            // The parser fails with exceptions of its own too (an invalid file name, a malformed part header): every
            // one of them is a body that could not be read, never a 500.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UploadLimits.RefusedException refused) {
                    throw refused;
                }
                if (t instanceof RouterException answer) {
                    throw answer; // the body's size limit (RequestSizeLimitFilter)
                }
            }
            throw unreadable(e);
        }
    }

    private static FileItem item(List<FileItem> items, String field) {
        return items.stream()
                .filter(i -> field.equals(i.getFieldName()))
                .findFirst()
                .orElse(null);
    }

    /** The file's name as sent; none: {@code upload.jsonl}. A name too long or with control characters is refused. */
    private static String fileName(String submitted) {
        if (submitted == null || submitted.isBlank()) {
            return "upload.jsonl";
        }
        if (submitted.length() > MAX_FILE_NAME_CHARS) {
            throw RouterException.invalid(
                    "file", "invalid_value", "The file name is longer than " + MAX_FILE_NAME_CHARS + " characters.");
        }
        if (submitted.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw RouterException.invalid("file", "invalid_value", "The file name contains control characters.");
        }
        return submitted;
    }

    /**
     * A body that could not be parsed: a part's headers too long or too many parts (400), too large (413), or not the
     * multipart form an upload is (400).
     */
    private RouterException unreadable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SizeException size && size.getPermittedSize() == MAX_PART_HEADER_BYTES) {
                return RouterException.invalid(
                        "file",
                        "invalid_value",
                        "A part's headers are longer than " + MAX_PART_HEADER_BYTES
                                + " bytes (a file name that long is not accepted).");
            }
            if (t instanceof FileCountLimitExceededException) {
                return RouterException.invalid(
                        "file", "invalid_value", "The form has more than " + MAX_PARTS + " parts.");
            }
            if (t instanceof SizeException) {
                return UploadRefusals.error(UploadLimits.Refusal.FILE_TOO_LARGE);
            }
        }
        return RouterException.invalid(
                "file",
                "invalid_request",
                "The body is not multipart/form-data with the fields 'file' and 'purpose' that could be read.");
    }
}
