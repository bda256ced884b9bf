package io.mezzo.internal.model;

/** Who produced a task status ({@code TaskStatus.Source}). */
public enum StatusSource {
    SOURCE_MASTER,
    SOURCE_AGENT,
    SOURCE_EXECUTOR
}
