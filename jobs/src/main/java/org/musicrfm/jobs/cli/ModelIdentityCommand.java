package org.musicrfm.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.musicrfm.model.io.ModelIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code musicrfm model identity DIR}: prints a checkpoint's compatibility key and fingerprint. */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = "Print a checkpoint's compatibility key (architecture + tensor names/shapes) and fingerprint.")
public final class ModelIdentityCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Hugging Face snapshot folder.")
    Path model;

    @Override
    public Integer call() throws Exception {
        ModelIdentity id = ModelIdentity.of(model);
        System.out.println("compatibility key: " + id.compatibilityKey());
        System.out.println("fingerprint:       " + id.fingerprint());
        return 0;
    }
}
