package io.coerouter.bench;

/** A benchmark's command line: options of the form {@code --name=value}. */
final class Args {

    /** Takes one option; throws {@link IllegalArgumentException} for one it does not know. */
    @FunctionalInterface
    interface Option {
        void accept(String name, String value);
    }

    private Args() {}

    /** Hands each {@code --name=value} in {@code args} to {@code option}, in order; anything else is refused. */
    static void parse(String[] args, Option option) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            option.accept(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }
}
