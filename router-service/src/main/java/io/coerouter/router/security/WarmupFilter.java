package io.coerouter.router.security;

import io.coerouter.router.warmup.WarmupPass;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Recognizes the router's own warm-up requests ({@link WarmupPass}: its open secret on {@code POST
 * /v1/chat/completions}): marks them so the controller keeps nothing of them and, with auth on, makes them the
 * {@link Caller#warmup()} caller, which has no key to admit or charge. Any other request passes untouched.
 */
final class WarmupFilter extends OncePerRequestFilter {

    private final WarmupPass pass;
    private final boolean authenticate;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    WarmupFilter(WarmupPass pass, boolean authenticate) {
        this.pass = pass;
        this.authenticate = authenticate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!pass.admits(request.getMethod(), request.getRequestURI(), request.getHeader(WarmupPass.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        if (authenticate) {
            SecurityContext context = holder.createEmptyContext();
            context.setAuthentication(Caller.warmup());
            holder.setContext(context);
        }
        WarmupRequests.mark(request);
        try {
            WarmupPass.serve(() -> chain.doFilter(request, response));
        } catch (ServletException | IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }
}
