#!/usr/bin/env python3
"""Generate the sample findings shipped with shared-lib/finding-ingestion.

Run from the repository root:  python3 scripts/generate-fixtures.py

Reads ../shared/data/guardduty/finding-types.csv (relative to the repository root) and writes, under
shared-lib/finding-ingestion/src/main/resources/ai/socagent/ingestion/samples/:

  guardduty/<type>.json        one bare GuardDuty finding per CSV row (every finding type)
  guardduty-event/*.json       GuardDuty findings wrapped in their EventBridge event
  asff/*.json                  bare ASFF findings and a {"Findings": [...]} batch
  asff-event/*.json            "Security Hub Findings - Imported" EventBridge events
  ocsf/*.json                  OCSF Detection Findings (class_uid 2004)
  plain/*.json                 plain threats as posted to the REST API
  index.txt                    every sample path, one per line

Non-GuardDuty samples are named <ec2|iam|s3|batch>-<name>.json after the resource they concern; the
tests rely on that prefix. Only the standard library is used and the random generator has a fixed
seed, so every run produces byte-identical output. Bad actors use documentation address ranges
(RFC 5737: 198.51.100.0/24, 203.0.113.0/24) and example.com/.net/.org domains; our own public
addresses come from 192.0.2.0/24.
"""

import csv
import json
import re
import shutil
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
import random

SEED = 20250601
REPO = Path(__file__).resolve().parent.parent
CSV_PATH = (REPO / ".." / "shared" / "data" / "guardduty" / "finding-types.csv").resolve()
OUT = REPO / "shared-lib" / "finding-ingestion" / "src" / "main" / "resources" / "ai" / "socagent" / "ingestion" / "samples"
FORMAT_DIRS = ["guardduty", "guardduty-event", "asff", "asff-event", "ocsf", "plain"]

rng = random.Random(SEED)

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ca-central-1"]
ACCOUNTS = ["".join(rng.choice("0123456789") for _ in range(12)) for _ in range(3)]
BASE_TIME = datetime(2025, 5, 5, 8, 0, 0, tzinfo=timezone.utc)
SEVERITY_BANDS = {"high": (7.0, 8.9), "medium": (4.0, 6.9), "low": (1.0, 3.9)}
DETECTORS = {}

ORGS = [
    ("AS64500", "Example Hosting Ltd", "Example Hosting", "Netherlands", "Amsterdam", 52.37, 4.89),
    ("AS64501", "Documentation Networks", "DocNet ISP", "Romania", "Bucharest", 44.43, 26.10),
    ("AS64502", "Test-Net Cloud", "TestNet Cloud", "Brazil", "Sao Paulo", -23.55, -46.63),
    ("AS64503", "Sample Transit", "Sample Transit", "Russia", "Moscow", 55.75, 37.62),
]

USERS = ["alice.devops", "bob.analyst", "ci-deployer", "carol.admin", "svc-reporting", "dave.dba"]
INSTANCE_NAMES = ["web-01", "web-02", "api-gateway-01", "bastion-01", "build-runner-03", "batch-worker-07", "emr-master-01"]
BUCKET_PURPOSES = ["customer-exports", "finance-reports", "app-logs", "ml-training-data", "backups", "public-assets"]


# ----------------------------------------------------------------------------- helpers

def hexs(n):
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def upper_alnum(n):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(n))


def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


def ts_seconds(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def millis(dt):
    return int(dt.timestamp() * 1000)


def new_uuid():
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def attacker_ip():
    return rng.choice(["198.51.100.", "203.0.113."]) + str(rng.randint(2, 254))


def our_public_ip():
    return "192.0.2." + str(rng.randint(2, 254))


def private_ip():
    return "10.0.%d.%d" % (rng.randint(0, 15), rng.randint(4, 250))


def safe_name(finding_type):
    return re.sub(r"[^A-Za-z0-9._-]", "_", finding_type)


def severity_score(label):
    low, high = SEVERITY_BANDS[label.rstrip("*").strip().lower()]
    return round(rng.uniform(low, high), 1)


def detector(account, region):
    key = (account, region)
    if key not in DETECTORS:
        DETECTORS[key] = hexs(32)
    return DETECTORS[key]


def times():
    first = BASE_TIME + timedelta(days=rng.randint(0, 20), minutes=rng.randint(0, 1439), milliseconds=rng.randint(0, 999))
    last = first + timedelta(minutes=rng.randint(1, 600), milliseconds=rng.randint(0, 999))
    created = first + timedelta(minutes=rng.randint(1, 10), milliseconds=rng.randint(0, 999))
    updated = last + timedelta(minutes=rng.randint(1, 10), milliseconds=rng.randint(0, 999))
    return first, last, created, updated


def remote_ip_details(ip):
    asn, asn_org, isp, country, city, lat, lon = rng.choice(ORGS)
    return {
        "ipAddressV4": ip,
        "organization": {"asn": asn[2:], "asnOrg": asn_org, "isp": isp, "org": isp},
        "country": {"countryName": country},
        "city": {"cityName": city},
        "geoLocation": {"lat": lat, "lon": lon},
    }


# ----------------------------------------------------------------------------- narrative per finding type

PURPOSE_TACTIC = {
    "CredentialAccess": "credential access",
    "DefenseEvasion": "defense evasion",
    "Discovery": "discovery",
    "Exfiltration": "exfiltration",
    "Impact": "impact",
    "InitialAccess": "initial access",
    "Persistence": "persistence",
    "PrivilegeEscalation": "privilege escalation",
}

ANOMALOUS_API = {
    "CredentialAccess": ("GetSecretValue", "secretsmanager.amazonaws.com"),
    "DefenseEvasion": ("DeleteFlowLogs", "ec2.amazonaws.com"),
    "Discovery": ("ListAccessKeys", "iam.amazonaws.com"),
    "Exfiltration": ("PutBucketReplication", "s3.amazonaws.com"),
    "Impact": ("TerminateInstances", "ec2.amazonaws.com"),
    "InitialAccess": ("ConsoleLogin", "signin.amazonaws.com"),
    "Persistence": ("CreateAccessKey", "iam.amazonaws.com"),
    "PrivilegeEscalation": ("AttachUserPolicy", "iam.amazonaws.com"),
}

IAM_API = {
    "KaliLinux": ("DescribeInstances", "ec2.amazonaws.com"),
    "ParrotLinux": ("ListRoles", "iam.amazonaws.com"),
    "PentooLinux": ("GetCallerIdentity", "sts.amazonaws.com"),
    "RootCredentialUsage": ("ListBuckets", "s3.amazonaws.com"),
    "MaliciousIPCaller": ("ListUsers", "iam.amazonaws.com"),
    "TorIPCaller": ("DescribeSecurityGroups", "ec2.amazonaws.com"),
    "CloudTrailLoggingDisabled": ("StopLogging", "cloudtrail.amazonaws.com"),
    "PasswordPolicyChange": ("UpdateAccountPasswordPolicy", "iam.amazonaws.com"),
    "ConsoleLoginSuccess": ("ConsoleLogin", "signin.amazonaws.com"),
    "InstanceCredentialExfiltration": ("DescribeInstances", "ec2.amazonaws.com"),
}

S3_API = {
    "MaliciousIPCaller": "ListObjects",
    "TorIPCaller": "ListObjects",
    "ObjectRead": "GetObject",
    "KaliLinux": "GetBucketAcl",
    "ParrotLinux": "ListObjects",
    "PentooLinux": "GetBucketPolicy",
    "AccountBlockPublicAccessDisabled": "DeletePublicAccessBlock",
    "BucketAnonymousAccessGranted": "PutBucketAcl",
    "BucketBlockPublicAccessDisabled": "DeletePublicAccessBlock",
    "BucketPublicAccessGranted": "PutBucketPolicy",
    "ServerAccessLoggingDisabled": "PutBucketLogging",
}

# EC2 network findings: (direction, remote port, protocol, role)
NETWORK = {
    "C&CActivity": ("OUTBOUND", 443, "TCP", "ACTOR"),
    "DenialOfService.Dns": ("OUTBOUND", 53, "UDP", "ACTOR"),
    "DenialOfService.Tcp": ("OUTBOUND", 80, "TCP", "ACTOR"),
    "DenialOfService.Udp": ("OUTBOUND", 123, "UDP", "ACTOR"),
    "DenialOfService.UdpOnTcpPorts": ("OUTBOUND", 443, "UDP", "ACTOR"),
    "DenialOfService.UnusualProtocol": ("OUTBOUND", 0, "GRE", "ACTOR"),
    "Spambot": ("OUTBOUND", 25, "TCP", "ACTOR"),
    "NetworkPortUnusual": ("OUTBOUND", 6667, "TCP", "ACTOR"),
    "TrafficVolumeUnusual": ("OUTBOUND", 8443, "TCP", "ACTOR"),
    "BitcoinTool": ("OUTBOUND", 3333, "TCP", "ACTOR"),
    "PortSweep": ("OUTBOUND", 23, "TCP", "ACTOR"),
    "WinRMBruteForce": ("OUTBOUND", 5985, "TCP", "ACTOR"),
    "Portscan": ("OUTBOUND", 445, "TCP", "ACTOR"),
    "BlackholeTraffic": ("OUTBOUND", 443, "TCP", "ACTOR"),
    "DropPoint": ("OUTBOUND", 443, "TCP", "ACTOR"),
    "MaliciousIPCaller": ("OUTBOUND", 8080, "TCP", "ACTOR"),
    "RDPBruteForce": ("INBOUND", 3389, "TCP", "TARGET"),
    "SSHBruteForce": ("INBOUND", 22, "TCP", "TARGET"),
    "TorClient": ("OUTBOUND", 9001, "TCP", "ACTOR"),
    "TorRelay": ("INBOUND", 9001, "TCP", "TARGET"),
}

PORT_PROBE = {"PortProbeUnprotectedPort": (22, "SSH"), "PortProbeEMRUnprotectedPort": (8088, "Unknown")}


def dns_domain(family):
    if family == "DGADomainRequest":
        return hexs(3) + "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(9)) + ".example.com"
    if family == "DNSDataExfiltration":
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(52)) + ".t.exfil.example.net"
    if family == "MetadataDNSRebind":
        return "169.254.169.254.rebind.example.org"
    return {
        "C&CActivity": "c2-beacon.example.net",
        "BitcoinTool": "stratum.pool.example.org",
        "AbusedDomainRequest": "free-dyndns.example.net",
        "BitcoinDomainRequest": "btc-pool.example.org",
        "MaliciousDomainRequest": "malware-dist.example.com",
        "SuspiciousDomainRequest": "newly-registered.example.org",
        "BlackholeTraffic": "sinkholed.example.com",
        "DriveBySourceTraffic": "exploit-kit.example.com",
        "DropPoint": "drop.example.net",
        "PhishingDomainRequest": "login-verify-account.example.com",
    }.get(family, "suspicious.example.com")


def narrative(finding_type, family, ctx):
    """(title, description) in the style of the GuardDuty console."""
    purpose = finding_type.split(":")[0]
    iid, user, bucket, remote = ctx.get("iid"), ctx.get("user"), ctx.get("bucket"), ctx.get("remote")
    domain, api = ctx.get("domain"), ctx.get("api")
    dns = finding_type.endswith("!DNS") or ctx.get("dns")
    texts = {
        "C&CActivity": (
            "EC2 instance %s is querying a domain name associated with a known Command & Control server." % iid
            if dns else "EC2 instance %s is communicating with a known Command & Control server." % iid,
            "EC2 instance %s is %s, which is associated with a known botnet Command & Control server. The instance may be compromised."
            % (iid, "querying the domain %s" % domain if dns else "communicating with %s" % remote)),
        "DenialOfService": (
            "EC2 instance %s is behaving in a manner that may indicate it is being used to perform a Denial of Service attack." % iid,
            "EC2 instance %s is sending a large volume of %s traffic to %s, which may indicate it is being used in a denial of service attack."
            % (iid, ctx.get("protocol"), remote)),
        "Spambot": (
            "EC2 instance %s is communicating with a remote host on port 25 in a manner that may indicate spam activity." % iid,
            "EC2 instance %s is sending mail traffic to %s on port 25 although it has no prior history of doing so." % (iid, remote)),
        "NetworkPortUnusual": (
            "EC2 instance %s is communicating with a remote host on an unusual server port." % iid,
            "EC2 instance %s is communicating with %s on port %s, which it has not used before." % (iid, remote, ctx.get("port"))),
        "TrafficVolumeUnusual": (
            "EC2 instance %s is generating unusually large amounts of network traffic to a remote host." % iid,
            "EC2 instance %s sent an unusually large volume of data to %s compared to its baseline." % (iid, remote)),
        "BitcoinTool": (
            "EC2 instance %s is %s." % (iid, "querying a domain name associated with Bitcoin-related activity" if dns
                                        else "communicating with a Bitcoin mining pool"),
            "EC2 instance %s is %s, which is associated with cryptocurrency mining. Unless the instance is meant to mine, it may be compromised."
            % (iid, "querying %s" % domain if dns else "communicating with %s" % remote)),
        "AnomalousBehavior": (
            "An API commonly used in %s tactics was invoked in an unusual way by %s." % (PURPOSE_TACTIC.get(purpose, purpose), user),
            "API %s, commonly used in %s tactics, was invoked by user %s from %s in a way that deviates from the established baseline."
            % (api, PURPOSE_TACTIC.get(purpose, purpose), user, remote)),
        "MaliciousIPCaller": (
            "EC2 instance %s is communicating with an IP address on a custom threat list." % iid,
            "EC2 instance %s is communicating with %s, which is on a custom threat list." % (iid, remote))
        if ":EC2/" in finding_type else (
            "An API was invoked from an IP address on a custom threat list." if finding_type.endswith(".Custom")
            else "An API was invoked from a known malicious IP address.",
            "API %s was invoked from %s, which is on a %s threat list." % (api, remote, "custom" if finding_type.endswith(".Custom") else "known")),
        "TorIPCaller": (
            "An API was invoked from a Tor exit node IP address.",
            "API %s was invoked by %s from Tor exit node %s; the caller may be hiding its identity." % (api, user, remote)),
        "ObjectRead": (
            "An IAM entity invoked an S3 API in a suspicious way.",
            "User %s read objects from S3 bucket %s in a way that deviates from its baseline, from %s." % (user, bucket, remote)),
        "AbusedDomainRequest": (
            "EC2 instance %s is querying a low-reputation domain name associated with abused domains." % iid,
            "EC2 instance %s queried %s, a domain with low reputation often abused by malicious actors." % (iid, domain)),
        "BitcoinDomainRequest": (
            "EC2 instance %s is querying a low-reputation domain name associated with cryptocurrency activity." % iid,
            "EC2 instance %s queried %s, a domain associated with cryptocurrency mining." % (iid, domain)),
        "MaliciousDomainRequest": (
            "EC2 instance %s is querying a low-reputation domain name associated with known abused domains." % iid,
            "EC2 instance %s queried %s, a domain associated with malware distribution." % (iid, domain)),
        "SuspiciousDomainRequest": (
            "EC2 instance %s is querying a low-reputation domain name that is suspicious." % iid,
            "EC2 instance %s queried %s, a recently registered domain with suspicious characteristics." % (iid, domain)),
        "PortSweep": (
            "EC2 instance %s is probing a port on a large number of IP addresses." % iid,
            "EC2 instance %s probed port %s on many hosts including %s, which may indicate it is compromised." % (iid, ctx.get("port"), remote)),
        "WinRMBruteForce": (
            "EC2 instance %s is performing outbound Windows Remote Management brute force attacks." % iid,
            "EC2 instance %s is attempting many WinRM logins against %s." % (iid, remote)),
        "KaliLinux": (
            "An API was invoked from a Kali Linux computer.",
            "API %s was invoked by %s from a Kali Linux computer at %s." % (api, user, remote)),
        "ParrotLinux": (
            "An API was invoked from a Parrot Security Linux computer.",
            "API %s was invoked by %s from a Parrot Security Linux computer at %s." % (api, user, remote)),
        "PentooLinux": (
            "An API was invoked from a Pentoo Linux computer.",
            "API %s was invoked by %s from a Pentoo Linux computer at %s." % (api, user, remote)),
        "RootCredentialUsage": (
            "An API was invoked using root credentials.",
            "API %s was invoked with the root user credentials of the account from %s." % (api, remote)),
        "AccountBlockPublicAccessDisabled": (
            "Amazon S3 Block Public Access was disabled for the account.",
            "User %s disabled S3 Block Public Access for the whole account from %s." % (user, remote)),
        "BucketAnonymousAccessGranted": (
            "S3 bucket %s was granted access to anonymous users." % bucket,
            "User %s changed the ACL of S3 bucket %s to grant access to AllUsers from %s." % (user, bucket, remote)),
        "BucketBlockPublicAccessDisabled": (
            "Amazon S3 Block Public Access was disabled for S3 bucket %s." % bucket,
            "User %s disabled S3 Block Public Access for bucket %s from %s." % (user, bucket, remote)),
        "BucketPublicAccessGranted": (
            "S3 bucket %s was granted public access." % bucket,
            "User %s changed the policy of S3 bucket %s to allow public access from %s." % (user, bucket, remote)),
        "PortProbeEMRUnprotectedPort": (
            "An EMR-related sensitive port on EC2 instance %s is not blocked and is being probed." % iid,
            "Port %s of EMR node %s is open to the internet and is being probed by %s." % (ctx.get("port"), iid, remote)),
        "PortProbeUnprotectedPort": (
            "Unprotected port on EC2 instance %s is being probed." % iid,
            "Port %s of EC2 instance %s is not blocked by a security group and is being probed by %s, a known scanner."
            % (ctx.get("port"), iid, remote)),
        "Portscan": (
            "EC2 instance %s is performing outbound port scans against a remote host." % iid,
            "EC2 instance %s is scanning ports of %s, which may indicate it is compromised." % (iid, remote)),
        "CloudTrailLoggingDisabled": (
            "AWS CloudTrail trail %s was disabled." % ctx.get("trail"),
            "User %s called StopLogging on trail %s from %s." % (user, ctx.get("trail"), remote)),
        "PasswordPolicyChange": (
            "Account password policy was weakened.",
            "User %s weakened the account password policy (minimum length and reuse prevention lowered) from %s." % (user, remote)),
        "ServerAccessLoggingDisabled": (
            "S3 server access logging was disabled for bucket %s." % bucket,
            "User %s disabled server access logging of S3 bucket %s from %s." % (user, bucket, remote)),
        "BlackholeTraffic": (
            "EC2 instance %s is %s." % (iid, "querying a domain name that is being redirected to a black hole IP address" if dns
                                        else "attempting to communicate with a black hole IP address"),
            "EC2 instance %s is %s; the traffic is sinkholed because the destination is known to be malicious."
            % (iid, "querying %s" % domain if dns else "trying to reach %s" % remote)),
        "DGADomainRequest": (
            "EC2 instance %s is querying algorithmically generated domains." % iid,
            "EC2 instance %s queried %s, which looks generated by a domain generation algorithm used by malware." % (iid, domain)),
        "DNSDataExfiltration": (
            "EC2 instance %s is exfiltrating data through DNS queries." % iid,
            "EC2 instance %s is sending encoded data in queries to subdomains of %s." % (iid, domain.split(".", 1)[1] if domain else "")),
        "DriveBySourceTraffic": (
            "EC2 instance %s is querying a domain name of a remote host that is a known source of drive-by download attacks." % iid,
            "EC2 instance %s queried %s, a known drive-by download source." % (iid, domain)),
        "DropPoint": (
            "EC2 instance %s is %s a remote host known to hold credentials and other stolen data captured by malware."
            % (iid, "querying a domain name of" if dns else "attempting to communicate with"),
            "EC2 instance %s is %s, a known malware drop point." % (iid, "querying %s" % domain if dns else "communicating with %s" % remote)),
        "PhishingDomainRequest": (
            "EC2 instance %s is querying domains involved in phishing attacks." % iid,
            "EC2 instance %s queried %s, a domain involved in phishing attacks." % (iid, domain)),
        "MetadataDNSRebind": (
            "EC2 instance %s is performing DNS lookups that resolve to the instance metadata service." % iid,
            "EC2 instance %s resolved %s, which points to the instance metadata service; an attacker may be trying to steal instance credentials."
            % (iid, domain)),
        "RDPBruteForce": (
            "EC2 instance %s has been involved in RDP brute force attacks." % iid,
            "%s is attempting to guess RDP passwords of EC2 instance %s." % (remote, iid)),
        "SSHBruteForce": (
            "EC2 instance %s has been involved in SSH brute force attacks." % iid,
            "%s is attempting to guess SSH passwords of EC2 instance %s." % (remote, iid)),
        "TorClient": (
            "EC2 instance %s is making connections to a Tor Guard or an Authority node." % iid,
            "EC2 instance %s is communicating with Tor node %s, which may indicate unauthorized access or hidden exfiltration." % (iid, remote)),
        "TorRelay": (
            "EC2 instance %s is making connections to a Tor network as a Tor relay." % iid,
            "EC2 instance %s is relaying Tor traffic with %s." % (iid, remote)),
        "ConsoleLoginSuccess": (
            "Multiple worldwide successful console logins were observed.",
            "User %s logged in to the AWS console from several locations at the same time, including %s." % (user, remote)),
        "InstanceCredentialExfiltration": (
            "Credentials that were created exclusively for an EC2 instance through an instance launch role are being used from an external IP address.",
            "Temporary credentials of the instance role of %s were used from %s, outside AWS." % (iid or "an EC2 instance", remote)),
    }
    key = family if family in texts else family.split(".")[0]
    return texts[key]


def family_of(finding_type):
    name = finding_type.split("/", 1)[1].split("!")[0]
    if name.startswith("DenialOfService"):
        return name
    return name.split(".")[0]


# ----------------------------------------------------------------------------- GuardDuty

def instance_block(account, region, name):
    iid = "i-" + hexs(17)
    priv, pub = private_ip(), our_public_ip()
    vpc, subnet = "vpc-" + hexs(17), "subnet-" + hexs(17)
    launch = BASE_TIME - timedelta(days=rng.randint(5, 400))
    details = {
        "instanceId": iid,
        "instanceType": rng.choice(["t3.medium", "m5.large", "c6i.xlarge", "r5.large"]),
        "outpostArn": None,
        "launchTime": ts(launch),
        "platform": None,
        "productCodes": [],
        "iamInstanceProfile": {
            "arn": "arn:aws:iam::%s:instance-profile/%s-role" % (account, name.split("-")[0]),
            "id": "AIPA" + upper_alnum(17),
        },
        "networkInterfaces": [{
            "ipv6Addresses": [],
            "networkInterfaceId": "eni-" + hexs(17),
            "privateDnsName": "ip-%s.%s.compute.internal" % (priv.replace(".", "-"), region),
            "privateIpAddress": priv,
            "privateIpAddresses": [{
                "privateDnsName": "ip-%s.%s.compute.internal" % (priv.replace(".", "-"), region),
                "privateIpAddress": priv,
            }],
            "publicDnsName": "ec2-%s.%s.compute.amazonaws.com" % (pub.replace(".", "-"), region),
            "publicIp": pub,
            "securityGroups": [{"groupId": "sg-" + hexs(17), "groupName": name.split("-")[0] + "-sg"}],
            "subnetId": subnet,
            "vpcId": vpc,
        }],
        "tags": [
            {"key": "Name", "value": name},
            {"key": "Environment", "value": rng.choice(["prod", "staging"])},
            {"key": "Owner", "value": rng.choice(["platform-team", "data-team", "web-team"])},
        ],
        "instanceState": "running",
        "availabilityZone": region + rng.choice("abc"),
        "imageId": "ami-" + hexs(17),
        "imageDescription": "Amazon Linux 2023 AMI",
    }
    return details, priv, pub


def access_key_block(account, user_type="IAMUser", user=None):
    prefix = "AKIA" if user_type in ("IAMUser", "Root") else "ASIA"
    return {
        "accessKeyId": prefix + upper_alnum(16),
        "principalId": ("AIDA" if user_type == "IAMUser" else "AROA") + upper_alnum(17) if user_type != "Root" else account,
        "userName": user if user is not None else ("Root" if user_type == "Root" else rng.choice(USERS)),
        "userType": user_type,
    }


def bucket_block(account, region):
    name = "examplecorp-%s-%s-%s" % (rng.choice(BUCKET_PURPOSES), region, hexs(6))
    created = BASE_TIME - timedelta(days=rng.randint(30, 900))
    return {
        "arn": "arn:aws:s3:::" + name,
        "name": name,
        "type": "Destination",
        "createdAt": ts(created),
        "owner": {"id": hexs(64)},
        "tags": [{"key": "DataClassification", "value": rng.choice(["confidential", "internal"])}],
        "defaultServerSideEncryption": {"encryptionType": "AES256", "kmsMasterKeyArn": None},
        "publicAccess": {
            "permissionConfiguration": {
                "bucketLevelPermissions": {
                    "accessControlList": {"allowsPublicReadAccess": False, "allowsPublicWriteAccess": False},
                    "bucketPolicy": {"allowsPublicReadAccess": False, "allowsPublicWriteAccess": False},
                    "blockPublicAccess": {"ignorePublicAcls": True, "restrictPublicBuckets": True,
                                          "blockPublicAcls": True, "blockPublicPolicy": True},
                },
                "accountLevelPermissions": {
                    "blockPublicAccess": {"ignorePublicAcls": True, "restrictPublicBuckets": True,
                                          "blockPublicAcls": True, "blockPublicPolicy": True},
                },
            },
            "effectivePermission": "NOT_PUBLIC",
        },
    }


def api_call_action(api, service_name, remote, affected=None):
    return {
        "actionType": "AWS_API_CALL",
        "awsApiCallAction": {
            "api": api,
            "serviceName": service_name,
            "callerType": "Remote IP",
            "remoteIpDetails": remote_ip_details(remote),
            "errorCode": "",
            "userAgent": rng.choice(["aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0", "Boto3/1.34.69 Python/3.12.2",
                                     "Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0"]),
            "affectedResources": affected or {},
        },
    }


def guardduty_finding(finding_type, resource_kind, data_source, default_severity):
    account = rng.choice(ACCOUNTS)
    region = rng.choice(REGIONS)
    det = detector(account, region)
    finding_id = hexs(32)
    first, last, created, updated = times()
    family = family_of(finding_type)
    purpose = finding_type.split(":")[0]
    ctx = {"dns": data_source == "DNS logs"}
    role = "ACTOR"
    feature = "CloudTrail"

    if resource_kind == "EC2":
        name = "emr-master-01" if family == "PortProbeEMRUnprotectedPort" else rng.choice(INSTANCE_NAMES[:-1])
        details, priv, pub = instance_block(account, region, name)
        resource = {"resourceType": "Instance", "instanceDetails": details}
        ctx["iid"] = details["instanceId"]
        if data_source == "DNS logs":
            feature = "DnsLogs"
            domain = dns_domain(family)
            ctx["domain"] = domain
            action = {"actionType": "DNS_REQUEST", "dnsRequestAction": {
                "domain": domain, "protocol": "UDP", "blocked": family in ("BlackholeTraffic",),
                "domainWithSuffix": ".".join(domain.split(".")[-2:])}}
        elif family in PORT_PROBE:
            feature = "FlowLogs"
            role = "TARGET"
            port, port_name = PORT_PROBE[family]
            remote = attacker_ip()
            ctx.update(remote=remote, port=port)
            action = {"actionType": "PORT_PROBE", "portProbeAction": {"blocked": False, "portProbeDetails": [
                {"localPortDetails": {"port": port, "portName": port_name},
                 "localIpDetails": {"ipAddressV4": priv},
                 "remoteIpDetails": remote_ip_details(remote)}
                for remote in [remote, attacker_ip()]]}}
        else:
            feature = "FlowLogs"
            key = family if family in NETWORK else family.split(".")[0]
            direction, port, protocol, role = NETWORK[key]
            remote = attacker_ip()
            ctx.update(remote=remote, port=port, protocol=protocol)
            action = {"actionType": "NETWORK_CONNECTION", "networkConnectionAction": {
                "connectionDirection": direction,
                "remoteIpDetails": remote_ip_details(remote),
                "remotePortDetails": {"port": port if direction == "OUTBOUND" else rng.randint(32768, 60999),
                                      "portName": {443: "HTTPS", 25: "SMTP", 22: "SSH", 3389: "RDP", 53: "DNS",
                                                   80: "HTTP", 23: "TELNET", 445: "SMB"}.get(port, "Unknown")},
                "localPortDetails": {"port": rng.randint(32768, 60999) if direction == "OUTBOUND" else port,
                                     "portName": "Unknown"},
                "localIpDetails": {"ipAddressV4": priv},
                "protocol": protocol,
                "blocked": family == "BlackholeTraffic",
            }}
    elif resource_kind == "IAM":
        user_type = "Root" if family == "RootCredentialUsage" else (
            "AssumedRole" if family == "InstanceCredentialExfiltration" else "IAMUser")
        key_details = access_key_block(account, user_type,
                                       "web-instance-role" if user_type == "AssumedRole" else None)
        resource = {"resourceType": "AccessKey", "accessKeyDetails": key_details}
        api, service_name = ANOMALOUS_API[purpose] if family == "AnomalousBehavior" else IAM_API[family]
        remote = attacker_ip()
        ctx.update(user=key_details["userName"], api=api, remote=remote, trail="management-events")
        if family == "InstanceCredentialExfiltration":
            ctx["iid"] = "i-" + hexs(17)
        action = api_call_action(api, service_name, remote)
    else:  # S3
        bucket = bucket_block(account, region)
        key_details = access_key_block(account)
        resource = {"resourceType": "S3Bucket", "accessKeyDetails": key_details, "s3BucketDetails": [bucket]}
        api = S3_API.get(family, "GetObject")
        remote = attacker_ip()
        ctx.update(user=key_details["userName"], bucket=bucket["name"], api=api, remote=remote)
        action = api_call_action(api, "s3.amazonaws.com", remote, {"AWS::S3::Bucket": bucket["name"]})
        feature = "S3DataEvents" if "data event" in data_source else "CloudTrail"

    title, description = narrative(finding_type, family, ctx)
    return {
        "schemaVersion": "2.0",
        "accountId": account,
        "region": region,
        "partition": "aws",
        "id": finding_id,
        "arn": "arn:aws:guardduty:%s:%s:detector/%s/finding/%s" % (region, account, det, finding_id),
        "type": finding_type,
        "resource": resource,
        "service": {
            "serviceName": "guardduty",
            "detectorId": det,
            "action": action,
            "resourceRole": role,
            "additionalInfo": {"value": "{}", "type": "default"},
            "eventFirstSeen": ts(first),
            "eventLastSeen": ts(last),
            "archived": False,
            "count": rng.randint(1, 60),
            "featureName": feature,
        },
        "severity": severity_score(default_severity),
        "createdAt": ts(created),
        "updatedAt": ts(updated),
        "title": title,
        "description": description,
    }


def guardduty_event(finding):
    return {
        "version": "0",
        "id": new_uuid(),
        "detail-type": "GuardDuty Finding",
        "source": "aws.guardduty",
        "account": finding["accountId"],
        "time": finding["updatedAt"][:19] + "Z",
        "region": finding["region"],
        "resources": [],
        "detail": finding,
    }


# ----------------------------------------------------------------------------- ASFF

ASFF_TTP = {
    "Backdoor": "TTPs/Command and Control", "Behavior": "Unusual Behaviors/VM", "CryptoCurrency": "TTPs/Command and Control",
    "CredentialAccess": "TTPs/Credential Access", "DefenseEvasion": "TTPs/Defense Evasion", "Discovery": "TTPs/Discovery",
    "Exfiltration": "Effects/Data Exfiltration", "Impact": "Effects/Resource Consumption", "InitialAccess": "TTPs/Initial Access",
    "PenTest": "TTPs/Discovery", "Persistence": "TTPs/Persistence", "Policy": "Software and Configuration Checks",
    "PrivilegeEscalation": "TTPs/Privilege Escalation", "Recon": "TTPs/Discovery", "Stealth": "TTPs/Defense Evasion",
    "Trojan": "TTPs/Command and Control", "UnauthorizedAccess": "TTPs/Initial Access",
}


def asff_label(score):
    return "CRITICAL" if score >= 9 else "HIGH" if score >= 7 else "MEDIUM" if score >= 4 else "LOW"


def asff_from_guardduty(gd):
    """The ASFF finding Security Hub produces for a GuardDuty finding."""
    region, account = gd["region"], gd["accountId"]
    purpose = gd["type"].split(":")[0]
    finding_type = ASFF_TTP[purpose] + "/" + gd["type"].replace("/", "-")
    score = gd["severity"]
    action = gd["service"]["action"]
    product_fields = {
        "aws/guardduty/service/action/actionType": action["actionType"],
        "aws/guardduty/service/serviceName": "guardduty",
        "aws/guardduty/service/detectorId": gd["service"]["detectorId"],
        "aws/guardduty/service/count": str(gd["service"]["count"]),
        "aws/securityhub/FindingId": "arn:aws:securityhub:%s::product/aws/guardduty/%s" % (region, gd["arn"]),
        "aws/securityhub/ProductName": "GuardDuty",
        "aws/securityhub/CompanyName": "Amazon",
    }
    resources, network, intel = [], None, []
    res = gd["resource"]
    if res["resourceType"] == "Instance":
        inst = res["instanceDetails"]
        nic = inst["networkInterfaces"][0]
        resources.append({
            "Type": "AwsEc2Instance",
            "Id": "arn:aws:ec2:%s:%s:instance/%s" % (region, account, inst["instanceId"]),
            "Partition": "aws",
            "Region": region,
            "Tags": {t["key"]: t["value"] for t in inst["tags"]},
            "Details": {"AwsEc2Instance": {
                "Type": inst["instanceType"], "ImageId": inst["imageId"],
                "IpV4Addresses": [nic["privateIpAddress"], nic["publicIp"]],
                "IamInstanceProfileArn": inst["iamInstanceProfile"]["arn"],
                "VpcId": nic["vpcId"], "SubnetId": nic["subnetId"], "LaunchedAt": inst["launchTime"]}},
        })
        if "networkConnectionAction" in action:
            nca = action["networkConnectionAction"]
            remote = nca["remoteIpDetails"]["ipAddressV4"]
            outbound = nca["connectionDirection"] == "OUTBOUND"
            network = {
                "Direction": "OUT" if outbound else "IN",
                "Protocol": nca["protocol"],
                "SourceIpV4": nic["privateIpAddress"] if outbound else remote,
                "SourcePort": nca["localPortDetails"]["port"] if outbound else nca["remotePortDetails"]["port"],
                "DestinationIpV4": remote if outbound else nic["privateIpAddress"],
                "DestinationPort": nca["remotePortDetails"]["port"] if outbound else nca["localPortDetails"]["port"],
            }
            product_fields["aws/guardduty/service/action/networkConnectionAction/remoteIpDetails/ipAddressV4"] = remote
            intel.append({"Type": "IPV4_ADDRESS", "Value": remote, "Category": "BACKDOOR",
                          "Source": "GuardDuty threat intelligence", "LastObservedAt": gd["service"]["eventLastSeen"]})
        elif "dnsRequestAction" in action:
            domain = action["dnsRequestAction"]["domain"]
            product_fields["aws/guardduty/service/action/dnsRequestAction/domain"] = domain
            intel.append({"Type": "DOMAIN", "Value": domain, "Category": "BACKDOOR",
                          "Source": "GuardDuty threat intelligence", "LastObservedAt": gd["service"]["eventLastSeen"]})
    else:
        key = res["accessKeyDetails"]
        if res["resourceType"] == "S3Bucket":
            bucket = res["s3BucketDetails"][0]
            resources.append({
                "Type": "AwsS3Bucket", "Id": bucket["arn"], "Partition": "aws", "Region": region,
                "Tags": {t["key"]: t["value"] for t in bucket["tags"]},
                "Details": {"AwsS3Bucket": {"OwnerId": bucket["owner"]["id"], "CreatedAt": bucket["createdAt"],
                                            "ServerSideEncryptionConfiguration": {"Rules": [
                                                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}},
            })
        resources.append({
            "Type": "AwsIamAccessKey", "Id": "AWS::IAM::AccessKey:" + key["accessKeyId"], "Partition": "aws",
            "Region": region,
            "Details": {"AwsIamAccessKey": {"PrincipalId": key["principalId"], "PrincipalType": key["userType"],
                                            "PrincipalName": key["userName"], "Status": "Active"}},
        })
        remote = action["awsApiCallAction"]["remoteIpDetails"]["ipAddressV4"]
        network = {"Direction": "IN", "SourceIpV4": remote}
        product_fields["aws/guardduty/service/action/awsApiCallAction/api"] = action["awsApiCallAction"]["api"]
        product_fields["aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4"] = remote
    finding = {
        "SchemaVersion": "2018-10-08",
        "Id": gd["arn"],
        "ProductArn": "arn:aws:securityhub:%s::product/aws/guardduty" % region,
        "ProductName": "GuardDuty",
        "CompanyName": "Amazon",
        "Region": region,
        "GeneratorId": "arn:aws:guardduty:%s:%s:detector/%s" % (region, account, gd["service"]["detectorId"]),
        "AwsAccountId": account,
        "Types": [finding_type],
        "FirstObservedAt": gd["service"]["eventFirstSeen"],
        "LastObservedAt": gd["service"]["eventLastSeen"],
        "CreatedAt": gd["createdAt"],
        "UpdatedAt": gd["updatedAt"],
        "Severity": {"Product": score, "Label": asff_label(score), "Normalized": int(round(score * 10))},
        "Title": gd["title"],
        "Description": gd["description"],
        "SourceUrl": "https://console.aws.amazon.com/guardduty/home?region=%s#/findings?macros=current&fId=%s"
                     % (region, gd["id"]),
        "ProductFields": product_fields,
        "Resources": resources,
        "WorkflowState": "NEW",
        "Workflow": {"Status": "NEW"},
        "RecordState": "ACTIVE",
        "FindingProviderFields": {"Severity": {"Label": asff_label(score), "Original": str(score)},
                                  "Types": [finding_type]},
        "Sample": False,
    }
    if network:
        finding["Network"] = network
    if intel:
        finding["ThreatIntelIndicators"] = intel
    return finding


def securityhub_event(findings):
    first = findings[0]
    return {
        "version": "0",
        "id": new_uuid(),
        "detail-type": "Security Hub Findings - Imported",
        "source": "aws.securityhub",
        "account": first["AwsAccountId"],
        "time": first["UpdatedAt"][:19] + "Z",
        "region": first["Region"],
        "resources": [f["ProductFields"]["aws/securityhub/FindingId"] for f in findings],
        "detail": {"findings": findings},
    }


# ----------------------------------------------------------------------------- OCSF

OCSF_SEVERITY = [(9.0, 5, "Critical"), (7.0, 4, "High"), (4.0, 3, "Medium"), (1.0, 2, "Low"), (0.0, 1, "Informational")]


def ocsf_from_guardduty(gd):
    """An OCSF 1.1 Detection Finding for a GuardDuty finding, as Security Lake would store it."""
    region, account = gd["region"], gd["accountId"]
    severity_id, severity = next((sid, name) for low, sid, name in OCSF_SEVERITY if gd["severity"] >= low)
    first = datetime.strptime(gd["service"]["eventFirstSeen"], "%Y-%m-%dT%H:%M:%S.%f%z")
    last = datetime.strptime(gd["service"]["eventLastSeen"], "%Y-%m-%dT%H:%M:%S.%f%z")
    created = datetime.strptime(gd["createdAt"], "%Y-%m-%dT%H:%M:%S.%f%z")
    updated = datetime.strptime(gd["updatedAt"], "%Y-%m-%dT%H:%M:%S.%f%z")
    res = gd["resource"]
    action = gd["service"]["action"]
    resources, observables, evidences = [], [], []
    if res["resourceType"] == "Instance":
        inst = res["instanceDetails"]
        nic = inst["networkInterfaces"][0]
        resources.append({
            "type": "AWS::EC2::Instance",
            "uid": "arn:aws:ec2:%s:%s:instance/%s" % (region, account, inst["instanceId"]),
            "name": inst["instanceId"],
            "region": region,
            "cloud_partition": "aws",
            "labels": ["%s:%s" % (t["key"], t["value"]) for t in inst["tags"]],
        })
        if "networkConnectionAction" in action:
            nca = action["networkConnectionAction"]
            remote = nca["remoteIpDetails"]["ipAddressV4"]
            outbound = nca["connectionDirection"] == "OUTBOUND"
            local = {"ip": nic["privateIpAddress"], "port": nca["localPortDetails"]["port"], "instance_uid": inst["instanceId"]}
            other = {"ip": remote, "port": nca["remotePortDetails"]["port"]}
            evidences.append({
                "src_endpoint": local if outbound else other,
                "dst_endpoint": other if outbound else local,
                "connection_info": {"protocol_name": nca["protocol"].lower(),
                                    "direction": "Outbound" if outbound else "Inbound",
                                    "direction_id": 2 if outbound else 1},
            })
            observables.append({"name": "evidences[0].%s_endpoint.ip" % ("dst" if outbound else "src"),
                                "type_id": 2, "type": "IP Address", "value": remote})
        elif "dnsRequestAction" in action:
            domain = action["dnsRequestAction"]["domain"]
            evidences.append({"query": {"hostname": domain, "type": "A", "class": "IN"},
                              "src_endpoint": {"ip": nic["privateIpAddress"], "instance_uid": inst["instanceId"]}})
            observables.append({"name": "evidences[0].query.hostname", "type_id": 1, "type": "Hostname", "value": domain})
    else:
        key = res["accessKeyDetails"]
        if res["resourceType"] == "S3Bucket":
            bucket = res["s3BucketDetails"][0]
            resources.append({"type": "AWS::S3::Bucket", "uid": bucket["arn"], "name": bucket["name"], "region": region,
                              "cloud_partition": "aws",
                              "labels": ["%s:%s" % (t["key"], t["value"]) for t in bucket["tags"]]})
        resources.append({"type": "AWS::IAM::AccessKey", "uid": key["accessKeyId"], "region": region,
                          "cloud_partition": "aws"})
        resources.append({"type": "AWS::IAM::User", "uid": "arn:aws:iam::%s:user/%s" % (account, key["userName"]),
                          "name": key["userName"], "cloud_partition": "aws"})
        api = action["awsApiCallAction"]
        remote = api["remoteIpDetails"]["ipAddressV4"]
        evidences.append({"api": {"operation": api["api"], "service": {"name": api["serviceName"]}},
                          "src_endpoint": {"ip": remote}})
        observables.append({"name": "evidences[0].src_endpoint.ip", "type_id": 2, "type": "IP Address", "value": remote})
        observables.append({"name": "resources[%d].uid" % (len(resources) - 1), "type_id": 10, "type": "Resource UID",
                            "value": resources[-1]["uid"]})
    return {
        "activity_id": 1,
        "activity_name": "Create",
        "category_uid": 2,
        "category_name": "Findings",
        "class_uid": 2004,
        "class_name": "Detection Finding",
        "type_uid": 200401,
        "type_name": "Detection Finding: Create",
        "severity_id": severity_id,
        "severity": severity,
        "status_id": 1,
        "status": "New",
        "time": millis(updated),
        "message": gd["title"],
        "finding_info": {
            "uid": gd["arn"],
            "title": gd["title"],
            "desc": gd["description"],
            "types": [gd["type"]],
            "first_seen_time": millis(first),
            "last_seen_time": millis(last),
            "created_time": millis(created),
            "modified_time": millis(updated),
            "analytic": {"uid": gd["type"], "name": gd["type"], "type_id": 1, "type": "Rule"},
        },
        "metadata": {
            "version": "1.1.0",
            "product": {"name": "GuardDuty", "vendor_name": "AWS", "feature": {"name": gd["service"]["featureName"]}},
            "uid": gd["id"],
            "profiles": ["cloud", "datetime"],
        },
        "cloud": {"provider": "AWS", "region": region, "account": {"uid": account, "type": "AWS Account", "type_id": 10}},
        "resources": resources,
        "observables": observables,
        "evidences": evidences,
        "remediation": {"desc": "Follow the GuardDuty remediation guidance for %s." % gd["type"],
                        "references": ["https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_remediate.html"]},
    }


# ----------------------------------------------------------------------------- plain threats

def plain_threats():
    account, region = ACCOUNTS[0], "us-east-1"
    t = BASE_TIME + timedelta(days=3, hours=2)
    miner_ip, c2_domain = attacker_ip(), "pool.miner.example.net"
    ec2 = {
        "title": "Possible cryptominer on build runner",
        "description": "EDR flagged a process on build-runner-03 making stratum connections to %s and resolving %s. "
                       "CPU has been pinned at 100%% since the last deployment." % (miner_ip, c2_domain),
        "source": "EDR",
        "severity": "HIGH",
        "firstSeen": ts(t),
        "lastSeen": ts(t + timedelta(minutes=47)),
        "resources": [{"type": "EC2_INSTANCE", "id": "i-" + hexs(17), "region": region, "accountId": account,
                       "tags": {"Name": "build-runner-03", "Environment": "ci"}}],
        "indicators": [
            {"type": "IPV4", "value": miner_ip},
            {"type": "DOMAIN", "value": c2_domain.replace(".", "[.]")},
            {"type": "SHA256", "value": hexs(64)},
        ],
    }
    user, key = rng.choice(USERS), "AKIA" + upper_alnum(16)
    iam_ip = attacker_ip()
    iam = {
        "title": "Access key published in a public repository",
        "description": "Secret scanning found the access key of IAM user %s in a public repository; the key was used "
                       "from %s two hours later." % (user, iam_ip),
        "source": "secret-scanning",
        "severity": "critical",
        "accountId": account,
        "region": region,
        "resources": [
            {"type": "IAM_ACCESS_KEY", "id": key, "accountId": account},
            {"type": "IAM_USER", "id": user, "arn": "arn:aws:iam::%s:user/%s" % (account, user), "accountId": account},
        ],
        "indicators": [
            {"type": "AWS_ACCESS_KEY_ID", "value": key},
            {"type": "IPV4", "value": iam_ip},
            {"type": "URL", "value": "hxxps://code.example.com/someone/dotfiles/blob/main/.aws/credentials"},
        ],
    }
    bucket = "examplecorp-customer-exports-" + hexs(6)
    s3_ip = attacker_ip()
    s3 = {
        "title": "Unexpected bulk download from customer export bucket",
        "description": "DLP reports 14 GB downloaded from s3://%s by an unknown client at %s outside business hours."
                       % (bucket, s3_ip),
        "source": "DLP",
        "severity": "Medium",
        "resources": [{"type": "S3_BUCKET", "id": bucket, "arn": "arn:aws:s3:::" + bucket, "region": "eu-west-1",
                       "accountId": ACCOUNTS[1], "tags": {"DataClassification": "confidential"}}],
        "indicators": [{"type": "IPV4", "value": s3_ip}, {"type": "EMAIL", "value": "exfil-drop@example.org"}],
    }
    return [("ec2-cryptominer-build-runner", ec2), ("iam-leaked-access-key", iam), ("s3-bulk-download", s3)]


# ----------------------------------------------------------------------------- main

def write(relative, document, written):
    path = OUT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(relative)


def main():
    if not CSV_PATH.is_file():
        sys.exit("Cannot find the GuardDuty finding types at %s (expected ../shared/data/guardduty/finding-types.csv"
                 " relative to the repository root)" % CSV_PATH)
    with CSV_PATH.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for directory in FORMAT_DIRS:
        shutil.rmtree(OUT / directory, ignore_errors=True)
    written = []

    names = set()
    for row in rows:
        finding = guardduty_finding(row["finding_type"], row["resource"], row["data_source"], row["default_severity"])
        name = safe_name(row["finding_type"]) + ".json"
        if name in names:
            sys.exit("Two finding types map to the same file name " + name)
        names.add(name)
        write("guardduty/" + name, finding, written)

    picks = [
        ("ec2", "Backdoor:EC2/C&CActivity.B", "EC2", "VPC Flow Logs", "High"),
        ("iam", "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "IAM",
         "CloudTrail management event", "High"),
        ("s3", "Exfiltration:S3/MaliciousIPCaller", "S3", "CloudTrail S3 data event", "High"),
    ]
    batch = []
    for prefix, finding_type, kind, source, severity in picks:
        base = prefix + "-" + safe_name(finding_type) + ".json"
        write("guardduty-event/" + base, guardduty_event(guardduty_finding(finding_type, kind, source, severity)), written)
        write("asff/" + base, asff_from_guardduty(guardduty_finding(finding_type, kind, source, severity)), written)
        write("asff-event/" + base,
              securityhub_event([asff_from_guardduty(guardduty_finding(finding_type, kind, source, severity))]), written)
        write("ocsf/" + base, ocsf_from_guardduty(guardduty_finding(finding_type, kind, source, severity)), written)
        batch.append((finding_type, kind, source, severity))

    dns = ("ec2", "Trojan:EC2/DGADomainRequest.C!DNS", "EC2", "DNS logs", "High")
    write("ocsf/" + dns[0] + "-" + safe_name(dns[1]) + ".json", ocsf_from_guardduty(guardduty_finding(*dns[1:])), written)
    write("asff/" + dns[0] + "-" + safe_name(dns[1]) + ".json", asff_from_guardduty(guardduty_finding(*dns[1:])), written)

    write("asff/batch-ec2-iam-s3.json", {"Findings": [asff_from_guardduty(guardduty_finding(*b)) for b in batch]}, written)
    write("asff-event/batch-ec2-iam-s3.json",
          securityhub_event([asff_from_guardduty(guardduty_finding(*b)) for b in batch]), written)

    for name, threat in plain_threats():
        write("plain/" + name + ".json", threat, written)

    (OUT / "index.txt").write_text("".join(path + "\n" for path in sorted(written)), encoding="utf-8")
    print("Wrote %d samples and index.txt to %s" % (len(written), OUT.relative_to(REPO)))


if __name__ == "__main__":
    main()
