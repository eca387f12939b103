package io.coerouter.router;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a process holds, read from {@code /proc} (Linux): open file descriptors, kernel threads, and its TCP sockets
 * (socket inodes of {@code /proc/<pid>/fd} looked up in {@code /proc/<pid>/net/tcp} and {@code tcp6}), split into
 * connections on the server's port (its clients) and connections to an upstream port.
 *
 * @param fds open file descriptors
 * @param threads kernel (platform) threads
 * @param clientConnections sockets whose local port is the server's, the listener excepted, in any state
 * @param upstreamConnections sockets whose remote port is the upstream's, in any state
 * @param closeWait sockets in CLOSE_WAIT: the peer closed and this process has not
 */
record ProcessHoldings(int fds, int threads, int clientConnections, int upstreamConnections, int closeWait) {

    private static final String LISTEN = "0A";
    private static final String CLOSE_WAIT = "08";

    static ProcessHoldings of(long pid, int serverPort, int upstreamPort) {
        try {
            Set<Long> sockets = new HashSet<>();
            int fds = 0;
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
                for (Path fd : dir) {
                    fds++;
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            sockets.add(Long.parseLong(target.substring(8, target.length() - 1)));
                        }
                    } catch (IOException closedMeanwhile) {
                        // closed while listed
                    }
                }
            }
            int clients = 0;
            int upstream = 0;
            int closeWait = 0;
            for (String table : List.of("tcp", "tcp6")) {
                Path file = Path.of("/proc/" + pid + "/net/" + table);
                if (!Files.exists(file)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !sockets.contains(Long.parseLong(f[9]))) {
                        continue;
                    }
                    if (f[3].equals(CLOSE_WAIT)) {
                        closeWait++;
                    }
                    if (port(f[1]) == serverPort && !f[3].equals(LISTEN)) {
                        clients++;
                    } else if (port(f[2]) == upstreamPort) {
                        upstream++;
                    }
                }
            }
            return new ProcessHoldings(fds, threads(pid), clients, upstream, closeWait);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + ": " + e.getMessage(), e);
        }
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new IOException("no Threads: line in /proc/" + pid + "/status");
    }

    private static int port(String hexAddressAndPort) {
        return Integer.parseInt(hexAddressAndPort.substring(hexAddressAndPort.lastIndexOf(':') + 1), 16);
    }
}
