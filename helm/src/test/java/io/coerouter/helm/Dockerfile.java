package io.coerouter.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's Dockerfile, read as far as the tests need: the stage the default build produces (its base image,
 * ENV, WORKDIR, USER, VOLUME, EXPOSE, exec-form ENTRYPOINT and the layers it copies, in order) and every RUN line.
 */
record Dockerfile(
        String base,
        Map<String, String> env,
        String workdir,
        String user,
        List<String> volumes,
        List<Integer> exposed,
        List<String> entrypoint,
        List<String> layers,
        List<String> run,
        Map<String, String> args) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|\\S+)");

    static Dockerfile read(Path file) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
            } else {
                current.append(stripped);
                instructions.add(current.toString());
                current.setLength(0);
            }
        }
        // Stages by name; global ARG defaults resolve the final FROM runtime-${TORCH_FLAVOR}.
        Map<String, String> args = new LinkedHashMap<>();
        Map<String, List<String>> stages = new LinkedHashMap<>();
        Map<String, String> stageBase = new LinkedHashMap<>();
        List<String> run = new ArrayList<>();
        String stage = null;
        int unnamed = 0;
        for (String instruction : instructions) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String rest = parts.length > 1 ? parts[1] : "";
            if (keyword.equals("ARG") && stage == null && rest.contains("=")) {
                args.put(rest.substring(0, rest.indexOf('=')), rest.substring(rest.indexOf('=') + 1));
            } else if (keyword.equals("FROM")) {
                String[] from = rest.split("\\s+");
                stage = from.length >= 3 ? from[2] : "stage-" + unnamed++;
                stageBase.put(stage, substitute(from[0], args));
                stages.put(stage, new ArrayList<>());
            } else if (stage != null) {
                stages.get(stage).add(instruction);
                if (keyword.equals("RUN")) {
                    run.add(rest);
                }
            }
        }
        // The last stage is the image; follow FROM <stage> back to the stage that holds the runtime instructions.
        String image = stages.keySet().stream().reduce((a, b) -> b).orElseThrow();
        List<String> chain = new ArrayList<>();
        String s = image;
        while (stages.containsKey(s)) {
            chain.add(0, s);
            s = stageBase.get(s);
        }
        String base = s;
        Map<String, String> env = new LinkedHashMap<>();
        String workdir = "/";
        String user = "root";
        List<String> volumes = new ArrayList<>();
        List<Integer> exposed = new ArrayList<>();
        List<String> entrypoint = List.of();
        List<String> layers = new ArrayList<>();
        for (String name : chain) {
            for (String instruction : stages.get(name)) {
                String[] parts = instruction.split("\\s+", 2);
                String rest = parts.length > 1 ? parts[1] : "";
                switch (parts[0].toUpperCase()) {
                    case "ENV" -> {
                        Matcher m = ENV_PAIR.matcher(rest);
                        while (m.find()) {
                            env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(2));
                        }
                    }
                    case "WORKDIR" -> workdir = rest;
                    case "USER" -> user = rest;
                    case "VOLUME" -> volumes.addAll(List.of(JsonMapper.shared().readValue(rest, String[].class)));
                    case "EXPOSE" -> {
                        for (String p : rest.split("\\s+")) {
                            exposed.add(Integer.parseInt(p));
                        }
                    }
                    case "ENTRYPOINT" ->
                        entrypoint = List.of(JsonMapper.shared().readValue(rest, String[].class));
                    case "COPY" -> {
                        Matcher m = Pattern.compile("--from=layers\\s+/build/extracted/([^/]+)/")
                                .matcher(rest);
                        if (m.find()) {
                            layers.add(m.group(1));
                        }
                    }
                    default -> {}
                }
            }
        }
        return new Dockerfile(base, env, workdir, user, volumes, exposed, entrypoint, layers, run, args);
    }

    private static String substitute(String text, Map<String, String> args) {
        String result = text;
        for (Map.Entry<String, String> a : args.entrySet()) {
            result = result.replace("${" + a.getKey() + "}", a.getValue());
        }
        return result;
    }
}
