package io.coerouter.router.console.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.RouterException;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's entry pages: {@code /console} goes to {@code /console/} (the single-page app, {@code index.html}),
 * {@code /console/login} is the sign-in page. Public, like every static file of the console: they hold no data.
 */
@RestController
class ConsolePagesController {

    @Operation(operationId = "consoleRedirect")
    @GetMapping("/console")
    ResponseEntity<Void> redirect() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, "/console/")
                .build();
    }

    @Operation(operationId = "consolePage")
    @GetMapping("/console/")
    ResponseEntity<Resource> index() {
        return page("index.html");
    }

    @Operation(operationId = "consoleLoginPage")
    @GetMapping("/console/login")
    ResponseEntity<Resource> loginPage() {
        return page("login.html");
    }

    private static ResponseEntity<Resource> page(String name) {
        Resource page = new ClassPathResource("static/console/" + name);
        if (!page.exists()) {
            throw new RouterException(ErrorKind.NOT_FOUND, "No console page '" + name + "'.", null, "not_found");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page);
    }
}
