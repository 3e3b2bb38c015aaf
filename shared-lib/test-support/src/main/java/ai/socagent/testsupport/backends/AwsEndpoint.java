package ai.socagent.testsupport.backends;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;

/**
 * The AWS API emulator a test talks to (moto in process mode, LocalStack in containers mode).
 *
 * @param endpoint where every AWS service is served
 * @param region the region to sign for
 * @param credentials static test credentials, never real ones
 */
public record AwsEndpoint(URI endpoint, Region region, AwsCredentialsProvider credentials) {

    /** The credentials handed to moto: it accepts any. */
    public static final AwsCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static final boolean S3_ON_CLASSPATH =
            isOnClasspath("software.amazon.awssdk.services.s3.S3BaseClientBuilder");

    public AwsEndpoint {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Points any AWS SDK v2 client builder at this endpoint: endpoint override, region, test
     * credentials, and for S3 builders path-style addressing (bucket names cannot be host names on
     * 127.0.0.1). For example {@code aws.configure(SqsClient.builder()).build()}.
     */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.endpointOverride(endpoint).region(region).credentialsProvider(credentials);
        if (S3_ON_CLASSPATH) {
            S3PathStyle.apply(builder);
        }
        return builder;
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, AwsEndpoint.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when the S3 module is on the classpath (it is an optional dependency). */
    private static final class S3PathStyle {
        private S3PathStyle() {}

        static void apply(Object builder) {
            if (builder instanceof S3BaseClientBuilder<?, ?> s3) {
                s3.forcePathStyle(true);
            }
        }
    }
}
