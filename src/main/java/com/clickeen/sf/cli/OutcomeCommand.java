package com.clickeen.sf.cli;

import com.clickeen.sf.grants.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sign-outcome", mixinStandardHelpOptions = true,
    description = "Print the x-paris-signature Paris would send for an outcome body (for curl and tests).")
public final class OutcomeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BODY", description = "The exact JSON body that will be sent.")
  String body;

  @Mixin
  DataDirOption dataDir;

  @Override
  public Integer call() {
    byte[] secret = Secrets.fromEnvOrDevFile(dataDir.resolve());
    byte[] tag = new Hmac(secret).sign("outcome.v1.".getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8));
    System.out.println(Hmac.base64Url(tag));
    return 0;
  }
}
