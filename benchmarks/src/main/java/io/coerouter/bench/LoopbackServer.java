package io.coerouter.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The socket side of a benchmark's loopback server: a platform thread accepts connections (TCP_NODELAY) and serves
 * each on a virtual thread of its own; {@link #close()} stops accepting and closes every connection still open.
 */
final class LoopbackServer implements AutoCloseable {

    /** Serves one accepted connection until it is done with it; the server forgets the socket afterwards. */
    @FunctionalInterface
    interface Handler {
        void serve(Socket socket);
    }

    /** A bound on the accept loop, far above what a benchmark run needs. */
    private static final long MAX_CONNECTIONS = 100_000_000L;

    private final ServerSocket server;
    private final String name;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private LoopbackServer(ServerSocket server, String name, Handler handler) {
        this.server = server;
        this.name = name;
        this.handler = handler;
        this.acceptor = Thread.ofPlatform().name(name + "-accept").daemon().start(this::acceptLoop);
    }

    /** Listens on 127.0.0.1:{@code port} (0: a free one) with {@code backlog}; {@code name} names its threads. */
    static LoopbackServer start(int port, int backlog, String name, Handler handler) throws IOException {
        return new LoopbackServer(new ServerSocket(port, backlog, InetAddress.getLoopbackAddress()), name, handler);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections open now. */
    int connections() {
        return open.size();
    }

    /** Whether {@link #close()} has been called: serving loops stop. */
    boolean isClosed() {
        return closed;
    }

    private void acceptLoop() {
        for (long accepted = 0; accepted < MAX_CONNECTIONS && !closed; accepted++) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread.ofVirtual().name(name + "-conn").start(() -> {
                    try {
                        handler.serve(socket);
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    System.err.println(name + ": accept failed: " + e);
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
