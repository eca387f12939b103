package io.coerouter.router.keys.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.jobs.inputs.JobContext;
import io.coerouter.router.keys.ApiKey;
import io.coerouter.router.keys.ApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/keys}: creates gateway API keys (the secret is in the creation answer only), lists them with their
 * spend, changes their limits, enables, disables and deletes them. Secrets and hashes are never returned or logged.
 * Bodies ({@link KeyRequest}) are read field by field, so every error names its field.
 */
@RestController
class KeysAdminController {

    private static final Logger log = LoggerFactory.getLogger(KeysAdminController.class);

    private final ApiKeys keys;
    private final JobContext admin;

    KeysAdminController(ApiKeys keys, JobContext admin) {
        this.keys = keys;
        this.admin = admin;
    }

    @Operation(operationId = "createKey")
    @PostMapping("/admin/keys")
    ResponseEntity<KeyView> create(@RequestBody(required = false) byte[] body) {
        KeyRequest request = KeyRequest.forCreation(admin.body(body, KeyRequest.FIELDS));
        ApiKeys.Created created = keys.create(request.limits());
        log.info(
                "API key {} ('{}') created",
                created.key().id(),
                JsonBodies.echo(created.key().name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(created.key(), created.secret()));
    }

    @Operation(operationId = "listKeys")
    @GetMapping("/admin/keys")
    KeyList list() {
        return KeyList.of(keys.store().list().stream().map(k -> view(k, null)).toList());
    }

    @Operation(operationId = "getKey")
    @GetMapping("/admin/keys/{id}")
    KeyView get(@PathVariable String id) {
        return view(keys.store().find(id).orElseThrow(() -> notFound(id)), null);
    }

    /** Changes only the fields given; {@code "enabled": false} is refused by every replica at its next call. */
    @Operation(operationId = "updateKey")
    @PatchMapping("/admin/keys/{id}")
    KeyView update(@PathVariable String id, @RequestBody(required = false) byte[] body) {
        KeyRequest change = KeyRequest.forChange(admin.body(body, KeyRequest.FIELDS));
        ApiKey changed = keys.store().update(id, change::applyTo).orElseThrow(() -> notFound(id));
        log.info("API key {} changed: {}", id, change.given());
        return view(changed, null);
    }

    @Operation(operationId = "deleteKey")
    @DeleteMapping("/admin/keys/{id}")
    KeyDeleted delete(@PathVariable String id) {
        if (!keys.store().delete(id)) {
            throw notFound(id);
        }
        log.info("API key {} deleted", id);
        return KeyDeleted.of(id);
    }

    private KeyView view(ApiKey k, String secret) {
        return KeyView.of(k, keys.usage().spent(k), secret);
    }

    private static RouterException notFound(String id) {
        return new RouterException(
                ErrorKind.NOT_FOUND, "No API key '" + JsonBodies.echo(id) + "'.", "id", "key_not_found");
    }
}
