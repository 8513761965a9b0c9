package org.musicrfm.jobs.cli;

import picocli.CommandLine.Command;

/** {@code musicrfm model ...}: checkpoint utilities. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Checkpoint utilities: random-weight checkpoints in Hugging Face layout, identity.",
        subcommands = {ModelInitCommand.class, ModelIdentityCommand.class})
public final class ModelCommand {}
