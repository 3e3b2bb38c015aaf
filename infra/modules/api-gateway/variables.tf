variable "name" {
  description = "Name of the REST API, its VPC link and its log group."
  type        = string
  default     = "soc-api"
}

variable "stage_name" {
  description = "Name of the stage (the first path segment of the invoke URL, unless a custom domain maps it away)."
  type        = string
  default     = "prod"
}

variable "nlb_arns" {
  description = "ARNs of the internal Network Load Balancer(s) in front of the soc-api tasks: the VPC link's targets."
  type        = list(string)

  validation {
    condition     = length(var.nlb_arns) > 0
    error_message = "The VPC link needs at least one Network Load Balancer."
  }
}

variable "backend_url" {
  description = "Base URL of soc-api behind the NLB, as API Gateway calls it through the VPC link, e.g. http://soc-api-internal-0123.elb.eu-west-1.amazonaws.com:8080 (no trailing slash)."
  type        = string

  validation {
    condition     = can(regex("^https?://[^/]+$", var.backend_url))
    error_message = "backend_url is scheme://host[:port], without a path or a trailing slash."
  }
}

variable "gateway_secret_arn" {
  description = "ARN of the Secrets Manager secret (a plain string) that API Gateway sends to soc-api in the gateway secret header; the soc-api task gets the same secret as SOC_API_SECURITY_IAM_GATEWAYSECRET."
  type        = string
}

variable "throttle_rate_limit" {
  description = "Stage throttling, requests per second for the whole stage (every caller together); null: soc-api's per-client default (soc-api-contract.json)."
  type        = number
  default     = null
}

variable "throttle_burst_limit" {
  description = "Stage throttling, burst for the whole stage; null: soc-api's per-client default (soc-api-contract.json)."
  type        = number
  default     = null
}

variable "integration_timeout_ms" {
  description = "How long API Gateway waits for soc-api (50 to 29000 ms)."
  type        = number
  default     = 29000

  validation {
    condition     = var.integration_timeout_ms >= 50 && var.integration_timeout_ms <= 29000
    error_message = "integration_timeout_ms is between 50 and 29000."
  }
}

variable "access_log_retention_days" {
  description = "Retention of the stage's access logs (CloudWatch Logs)."
  type        = number
  default     = 90
}

variable "access_log_kms_key_arn" {
  description = "KMS key that encrypts the access log group; null: CloudWatch's own encryption."
  type        = string
  default     = null
}

variable "execution_logging_level" {
  description = "Execution logs of every method: OFF, ERROR or INFO (data tracing stays off: it would log the gateway secret header)."
  type        = string
  default     = "ERROR"

  validation {
    condition     = contains(["OFF", "ERROR", "INFO"], var.execution_logging_level)
    error_message = "execution_logging_level is OFF, ERROR or INFO."
  }
}

variable "cloudwatch_role_arn" {
  description = "Role API Gateway writes logs with (aws_api_gateway_account: one per account and region); null leaves the account setting alone (it must be set already for logs to arrive)."
  type        = string
  default     = null
}

variable "xray_tracing_enabled" {
  description = "X-Ray tracing of the stage."
  type        = bool
  default     = true
}

variable "waf_web_acl_arn" {
  description = "A WAFv2 web ACL (scope REGIONAL) to associate with the stage; null: none."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
