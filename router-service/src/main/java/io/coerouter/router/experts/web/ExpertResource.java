package io.coerouter.router.experts.web;

/** One entry of {@code GET /admin/experts}: an expert, or a stored entry that cannot be read. */
public sealed interface ExpertResource permits ExpertView, BrokenExpertView {}
