package dev.sovereign.cli.audit;

import dev.sovereign.audit.AuditTime;
import java.time.Clock;
import java.time.Instant;

/** A point in time given on the command line, in the forms {@link AuditTime} reads. */
final class TimeArgument {
    static final String FORMS = AuditTime.FORMS;

    /** Whether a date stands for the start of its day or for the end of it (the start of the next day). */
    enum DateAs {
        START_OF_DAY,
        END_OF_DAY
    }

    private TimeArgument() {}

    /**
     * @param option the option's name, for the message
     * @throws CommandFailure when {@code text} is none of the accepted forms
     */
    static Instant parse(String option, String text, Clock clock, DateAs dateAs) {
        try {
            return AuditTime.parse(
                    text,
                    clock,
                    dateAs == DateAs.END_OF_DAY ? AuditTime.DateAs.END_OF_DAY : AuditTime.DateAs.START_OF_DAY);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(option + ": '" + text + "' is not " + FORMS);
        }
    }
}
