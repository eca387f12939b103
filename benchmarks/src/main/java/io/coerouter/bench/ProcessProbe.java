package io.coerouter.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What a process holds, from outside it: its open file descriptors and TCP sockets (each socket inode in {@code
 * /proc/<pid>/fd} looked up in {@code /proc/<pid>/net/tcp} and {@code tcp6}, split by port into the server's client
 * side and its upstream side), its platform threads ({@code Threads:} in {@code /proc/<pid>/status}), and, over JMX
 * from the JVM's local management agent (started through the attach API), its heap after a full GC and the JVM's
 * live thread count. Linux and HotSpot only.
 */
final class ProcessProbe implements AutoCloseable {

    /**
     * One sample.
     *
     * @param fds open file descriptors
     * @param platformThreads kernel threads of the process
     * @param jvmLiveThreads the JVM's live platform threads (ThreadMXBean; virtual threads are not counted), -1 unknown
     * @param heapAfterGcBytes heap used right after a full GC, -1 unknown
     * @param clientConnections TCP sockets on the server port other than the listener, in any state
     * @param upstreamConnections TCP sockets to the upstream port, in any state
     * @param closeWait sockets of either kind in CLOSE_WAIT (the peer closed, this process has not)
     * @param otherSockets TCP sockets that are neither (listeners included)
     */
    record Sample(
            int fds,
            int platformThreads,
            int jvmLiveThreads,
            long heapAfterGcBytes,
            int clientConnections,
            int upstreamConnections,
            int closeWait,
            int otherSockets) {}

    private static final String TCP_LISTEN = "0A";
    private static final String TCP_CLOSE_WAIT = "08";

    private final long pid;
    private final int serverPort;
    private final int upstreamPort;
    private final JMXConnector jmx;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;

    private ProcessProbe(long pid, int serverPort, int upstreamPort, JMXConnector jmx) throws IOException {
        this.pid = pid;
        this.serverPort = serverPort;
        this.upstreamPort = upstreamPort;
        this.jmx = jmx;
        if (jmx != null) {
            MBeanServerConnection c = jmx.getMBeanServerConnection();
            this.memory = ManagementFactory.newPlatformMXBeanProxy(
                    c, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            this.threads = ManagementFactory.newPlatformMXBeanProxy(
                    c, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        } else {
            this.memory = null;
            this.threads = null;
        }
    }

    /** Probes {@code pid}; {@code jvm} says whether to attach for the heap and thread figures. */
    static ProcessProbe of(long pid, int serverPort, int upstreamPort, boolean jvm) throws IOException {
        JMXConnector connector = null;
        if (jvm) {
            try {
                VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
                String address;
                try {
                    address = vm.startLocalManagementAgent();
                } finally {
                    vm.detach();
                }
                connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            } catch (com.sun.tools.attach.AttachNotSupportedException e) {
                throw new IOException("cannot attach to " + pid + ": " + e.getMessage(), e);
            }
        }
        return new ProcessProbe(pid, serverPort, upstreamPort, connector);
    }

    /** Takes a sample; {@code gc} runs a full GC first (System.gc over JMX), so the heap figure is what is live. */
    Sample sample(boolean gc) throws IOException {
        long heap = -1;
        int live = -1;
        if (memory != null) {
            if (gc) {
                memory.gc();
            }
            heap = memory.getHeapMemoryUsage().getUsed();
            live = threads.getThreadCount();
        }
        Set<Long> inodes = new HashSet<>();
        int fds = 0;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : dir) {
                fds++;
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor closed while listed
                }
            }
        }
        int client = 0;
        int upstream = 0;
        int closeWait = 0;
        int other = 0;
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc/" + pid + "/net/" + table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 10 || !inodes.contains(Long.parseLong(f[9]))) {
                    continue;
                }
                int localPort = port(f[1]);
                int remotePort = port(f[2]);
                String state = f[3];
                if (state.equals(TCP_CLOSE_WAIT)) {
                    closeWait++;
                }
                if (localPort == serverPort && !state.equals(TCP_LISTEN)) {
                    client++;
                } else if (remotePort == upstreamPort) {
                    upstream++;
                } else {
                    other++;
                }
            }
        }
        return new Sample(fds, platformThreads(), live, heap, client, upstream, closeWait, other);
    }

    /** The JVM's live platform threads by name with digits dropped (pools show as one name), most first. */
    java.util.Map<String, Integer> threadNames() {
        java.util.Map<String, Integer> names = new java.util.TreeMap<>();
        if (threads == null) {
            return names;
        }
        for (java.lang.management.ThreadInfo t : threads.dumpAllThreads(false, false, 0)) {
            if (t != null) {
                names.merge(t.getThreadName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return names;
    }

    private int platformThreads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        return -1;
    }

    /** The port of {@code hexAddress:hexPort}. */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }

    @Override
    public void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // the process may be gone
            }
        }
    }
}
