package io.coerouter.router.error.web;

import io.coerouter.router.error.JsonBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, with an OpenAI-format 415, a request whose Content-Type is not one concrete media type: a wildcard
 * ({@code application/*}, {@code * / *}), a value that does not parse, or an unknown charset. Spring would otherwise
 * fail on it deep inside body binding. The body's actual type is still checked by each endpoint (JSON, multipart).
 */
public final class ContentTypeFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    public ContentTypeFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request.getContentType());
        if (problem != null) {
            new ApiException(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            ApiException.INVALID_REQUEST,
                            "The Content-Type header " + problem + "; send application/json (multipart/form-data"
                                    + " for file uploads).",
                            null,
                            "unsupported_media_type")
                    .writeTo(response, json);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the header's value, or null when it is absent or one concrete media type. */
    static String problem(String contentType) {
        if (contentType == null) {
            return null;
        }
        if (contentType.isBlank()) {
            return "is empty";
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return "is not a valid media type";
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
            return "is a wildcard (" + JsonBodies.echo(type.getType() + "/" + type.getSubtype()) + ")";
        }
        return null;
    }
}
