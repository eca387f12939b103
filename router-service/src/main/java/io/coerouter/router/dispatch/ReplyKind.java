package io.coerouter.router.dispatch;

/** What a {@link Reply} carries. */
public enum ReplyKind {
    /** A piece of generated text (empty: the worker started, no text yet). */
    TOKEN,
    /** The whole answer and where it was served. */
    DONE,
    /** The failure that ended the request. */
    FAILED
}
