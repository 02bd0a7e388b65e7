package com.clickeen.sf.store;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs on the S3 API (AWS S3, Cloudflare R2, MinIO, ...): a bucket, an optional custom endpoint and
 * path-style addressing. Credentials come from the URL or the usual AWS environment.
 */
final class S3BlobStore implements BlobStore {
  private final S3Client s3;
  private final String bucket;

  /** {@code s3://bucket?endpoint=http://127.0.0.1:9000&region=auto&pathStyle=true&accessKey=..&secretKey=..} */
  S3BlobStore(URI url) {
    if (!"s3".equals(url.getScheme()) || url.getHost() == null) {
      throw new StoreException("SF_BLOB_URL must look like s3://bucket?endpoint=...&region=...&pathStyle=true (got " + url + ")");
    }
    this.bucket = url.getHost();
    java.util.Map<String, String> q = StorageSettings.query(url);
    var b = S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .region(Region.of(q.getOrDefault("region", "us-east-1")))
        .forcePathStyle(Boolean.parseBoolean(q.getOrDefault("pathStyle", "true")));
    if (q.containsKey("endpoint")) {
      b.endpointOverride(URI.create(q.get("endpoint")));
    }
    if (q.containsKey("accessKey")) {
      b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(q.get("accessKey"),
          q.getOrDefault("secretKey", ""))));
    } else {
      b.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    this.s3 = b.build();
    try {
      s3.headBucket(r -> r.bucket(bucket));
    } catch (RuntimeException e) {
      s3.close();
      throw new StoreException("blob store (S3 bucket '" + bucket + "' at " + q.getOrDefault("endpoint", "AWS")
          + ") is not reachable: " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String key, byte[] bytes) {
    try {
      s3.putObject(r -> r.bucket(bucket).key(BlobStore.checkKey(key)).contentType("application/json"), RequestBody.fromBytes(bytes));
    } catch (S3Exception e) {
      throw new StoreException("blob (S3) put failed for '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(BlobStore.checkKey(key))).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new StoreException("blob (S3) get failed for '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(String key) {
    try {
      boolean existed = get(key).isPresent();
      s3.deleteObject(r -> r.bucket(bucket).key(BlobStore.checkKey(key)));
      return existed;
    } catch (S3Exception e) {
      throw new StoreException("blob (S3) delete failed for '" + key + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
