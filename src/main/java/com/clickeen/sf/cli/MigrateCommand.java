package com.clickeen.sf.cli;

import com.clickeen.sf.store.Backends;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = "Create or upgrade the storage schemas (the service also does this at start).")
public final class MigrateCommand implements Callable<Integer> {
  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() {
    try (Backends b = LocalContext.open(dataDir.resolve())) {
      System.out.println("schemas are up to date: " + b.description());
    }
    return 0;
  }
}
