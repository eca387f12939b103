package io.coerouter.router.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs the listeners of a topic as soon as it is published; there is no other replica to tell. */
final class LocalStateEvents implements StateEvents {

    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic) {
        listeners.getOrDefault(topic, List.of()).forEach(Runnable::run);
    }

    @Override
    public void subscribe(String topic, Runnable onChange) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(onChange);
    }
}
