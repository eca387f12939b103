package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A key never reaches the log, even in a request the servlet container cannot parse: Tomcat logs the first malformed
 * header line it meets in full (an {@code Authorization} header with a stray byte would carry its key).
 */
@ExtendWith(OutputCaptureExtension.class)
class LogSecrecyIT {

    private static final String SECRET = "coe-log-secrecy-0123456789abcdef";

    @Test
    void aKeyInAMalformedHeaderIsNeverLogged(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext router = new SpringApplicationBuilder(CoeRouterApplication.class)
                .run(
                        "--server.port=0",
                        "--coe.skills.warm-up=false",
                        "--coe.default-expert=echo",
                        "--coe.experts[0].id=echo",
                        "--coe.experts[0].adapter=echo")) {
            int port = Routers.port(router);
            for (String tail : new String[] {"\u0001", "\u0000", "\u007f x"}) {
                String reply = send(port, "Authorization: Bearer " + SECRET + tail);
                assertThat(reply)
                        .startsWith("HTTP/1.1 400")
                        .contains("\"error\"")
                        .doesNotContain(SECRET);
            }
        }

        assertThat(LoggerFactory.getLogger("org.apache.coyote.http11.Http11Processor")
                        .isInfoEnabled())
                .isFalse();
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    private static String send(int port, String header) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /admin/keys HTTP/1.1\r\nHost: 127.0.0.1\r\n" + header + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
