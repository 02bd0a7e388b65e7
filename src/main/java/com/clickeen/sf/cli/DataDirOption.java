package com.clickeen.sf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, falling back to {@code SF_DATA_DIR}, then {@code ./data}. */
public final class DataDirOption {
  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder of the embedded default (env SF_DATA_DIR, default ./data).")
  Path dataDir;

  public Path resolve() {
    if (dataDir != null) {
      return dataDir;
    }
    return com.clickeen.sf.SfConfig.dataDir(com.clickeen.sf.SfConfig.processEnvironment());
  }
}
