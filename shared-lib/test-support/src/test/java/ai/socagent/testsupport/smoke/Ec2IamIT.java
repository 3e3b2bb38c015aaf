package ai.socagent.testsupport.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.testsupport.backends.AwsEndpoint;
import ai.socagent.testsupport.backends.TestBackends;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.StatusType;

/** What the response agent acts on: EC2 instances and security groups, IAM users, keys and roles. */
class Ec2IamIT {

    private static Ec2Client ec2;
    private static IamClient iam;

    @BeforeAll
    static void clients() {
        AwsEndpoint aws = TestBackends.aws();
        ec2 = aws.configure(Ec2Client.builder()).build();
        // IAM is global: real AWS signs it for us-east-1 whatever the region; moto takes any.
        iam = aws.configure(IamClient.builder()).build();
    }

    @AfterAll
    static void close() {
        if (ec2 != null) {
            ec2.close();
            iam.close();
        }
    }

    @Test
    void instanceRunsInASecurityGroupWithIngress() {
        String name = TestBackends.uniqueName("host");
        String imageId =
                ec2.describeImages(b -> b.owners("amazon")).images().getFirst().imageId();

        String groupId = ec2.createSecurityGroup(b -> b.groupName(name).description("smoke test " + name))
                .groupId();
        ec2.authorizeSecurityGroupIngress(b -> b.groupId(groupId)
                .ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp")
                        .fromPort(443)
                        .toPort(443)
                        .ipRanges(IpRange.builder()
                                .cidrIp("10.0.0.0/8")
                                .description("internal https")
                                .build())
                        .build()));
        SecurityGroup group = ec2.describeSecurityGroups(b -> b.groupIds(groupId))
                .securityGroups()
                .getFirst();
        assertThat(group.groupName()).isEqualTo(name);
        assertThat(group.ipPermissions()).singleElement().satisfies(p -> {
            assertThat(p.fromPort()).isEqualTo(443);
            assertThat(p.ipRanges())
                    .singleElement()
                    .satisfies(r -> assertThat(r.cidrIp()).isEqualTo("10.0.0.0/8"));
        });

        String instanceId = ec2.runInstances(b -> b.imageId(imageId)
                        .instanceType(InstanceType.T3_MICRO)
                        .minCount(1)
                        .maxCount(1)
                        .securityGroupIds(groupId)
                        .tagSpecifications(TagSpecification.builder()
                                .resourceType(ResourceType.INSTANCE)
                                .tags(Tag.builder().key("Name").value(name).build())
                                .build()))
                .instances()
                .getFirst()
                .instanceId();
        try {
            Instance described = ec2.describeInstances(b -> b.filters(
                            Filter.builder().name("tag:Name").values(name).build()))
                    .reservations()
                    .getFirst()
                    .instances()
                    .getFirst();
            assertThat(described.instanceId()).isEqualTo(instanceId);
            assertThat(described.imageId()).isEqualTo(imageId);
            assertThat(described.instanceType()).isEqualTo(InstanceType.T3_MICRO);
            assertThat(described.securityGroups())
                    .anySatisfy(g -> assertThat(g.groupId()).isEqualTo(groupId));
            assertThat(described.state().nameAsString()).isIn("pending", "running");
        } finally {
            ec2.terminateInstances(b -> b.instanceIds(instanceId));
        }
    }

    @Test
    void userAccessKeyCanBeDeactivated() {
        String user = TestBackends.uniqueName("analyst");
        iam.createUser(b -> b.userName(user));

        AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        assertThat(key.accessKeyId()).startsWith("AKIA");
        assertThat(key.secretAccessKey()).isNotBlank();
        assertThat(key.status()).isEqualTo(StatusType.ACTIVE);

        iam.updateAccessKey(b -> b.userName(user).accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));

        assertThat(iam.listAccessKeys(b -> b.userName(user)).accessKeyMetadata())
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.accessKeyId()).isEqualTo(key.accessKeyId());
                    assertThat(k.status()).isEqualTo(StatusType.INACTIVE);
                })
                .extracting(AccessKeyMetadata::userName)
                .isEqualTo(user);
    }

    @Test
    void roleHasTrustAndInlinePolicy() {
        String roleName = TestBackends.uniqueName("responder");
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        String permissions = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Action":["ec2:ModifyInstanceAttribute","iam:UpdateAccessKey"],"Resource":"*"}]}""";

        Role role = iam.createRole(b -> b.roleName(roleName).assumeRolePolicyDocument(trust))
                .role();
        iam.putRolePolicy(b -> b.roleName(roleName).policyName("contain").policyDocument(permissions));

        assertThat(role.arn()).endsWith(":role/" + roleName);
        Role read = iam.getRole(b -> b.roleName(roleName)).role();
        assertThat(decode(read.assumeRolePolicyDocument())).contains("ecs-tasks.amazonaws.com");
        assertThat(iam.listRolePolicies(b -> b.roleName(roleName)).policyNames())
                .containsExactly("contain");
        String document = iam.getRolePolicy(b -> b.roleName(roleName).policyName("contain"))
                .policyDocument();
        assertThat(decode(document)).contains("ec2:ModifyInstanceAttribute", "iam:UpdateAccessKey");
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); the SDK hands them over as they come. */
    private static String decode(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }
}
