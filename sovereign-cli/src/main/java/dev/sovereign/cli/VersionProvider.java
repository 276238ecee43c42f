package dev.sovereign.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SovereignCommand.class.getPackage().getImplementationVersion();
        return new String[] {"sovereign " + (version == null ? "development build" : version)};
    }
}
