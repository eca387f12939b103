package io.coerouter.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine and JDK a benchmark ran on, for its printed method. */
final class Machine {

    private Machine() {}

    /** The CPU's model name from {@code /proc/cpuinfo}, or {@code ?}. */
    static String cpuModel() {
        return firstMatch(Path.of("/proc/cpuinfo"), "model name");
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg} (what else runs on the machine), or {@code ?}. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** {@code MemTotal} from {@code /proc/meminfo}, or {@code ?}. */
    static String memory() {
        return firstMatch(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String firstMatch(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** What {@code java -version} says on its second line (the runtime and its build), or why not. */
    static String javaVersion(Path java) {
        try {
            Process p = new ProcessBuilder(java.toString(), "-version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().skip(1).findFirst().orElse("?").trim();
        } catch (IOException e) {
            return "unknown: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
