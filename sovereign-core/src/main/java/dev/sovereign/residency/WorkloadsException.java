package dev.sovereign.residency;

import dev.sovereign.config.ConfigException;

/** A {@code workloads.yaml} that cannot be loaded; the message is {@code file:line: setting: problem}. */
public class WorkloadsException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public WorkloadsException(String message) {
        super(message);
    }
}
