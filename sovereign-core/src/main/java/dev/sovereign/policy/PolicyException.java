package dev.sovereign.policy;

import dev.sovereign.config.ConfigException;

/** A policy that cannot be loaded: a YAML or CEL error, a reference to nothing, or a guarantee it can break. */
public class PolicyException extends ConfigException {
    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
