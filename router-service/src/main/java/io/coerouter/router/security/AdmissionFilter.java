package io.coerouter.router.security;

import io.coerouter.router.error.RouterException;
import io.coerouter.router.error.web.ApiException;
import io.coerouter.router.error.web.HttpErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * After authorization: a gateway key's request is admitted against the key's state and limits, and the key attached
 * for the controllers. Whether the call spends is decided on the normalized path.
 */
final class AdmissionFilter extends OncePerRequestFilter {

    private final RequestAdmission admission;
    private final JsonMapper json;

    AdmissionFilter(RequestAdmission admission, JsonMapper json) {
        this.admission = admission;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof Caller caller)
                || caller.key() == null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest admitted;
        try {
            admitted = admission.admit(request, caller.key(), Routes.SPENDS.matches(request));
        } catch (RouterException | ApiException refused) {
            ApiException e = refused instanceof RouterException domain ? HttpErrors.of(domain) : (ApiException) refused;
            if (e.status().value() == 413) {
                response.setHeader("Connection", "close");
            }
            e.writeTo(response, json);
            return;
        }
        chain.doFilter(admitted, response);
    }
}
