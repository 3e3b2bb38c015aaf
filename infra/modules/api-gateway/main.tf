# API Gateway (REST API) in front of soc-api in the aws mode: AWS_IAM (SigV4) authorisation on every
# method, one proxy resource, a private integration through a VPC link to the internal NLB, and two
# headers soc-api reads (GatewayIamAuthenticationFilter): the caller's IAM ARN and the gateway secret.
# A REST API, not an HTTP API: only a REST API maps context.identity.userArn of an IAM-authorised
# request into an integration header.
#
# The header names, where the ARN comes from, the authorisation type and the default throttle
# figures are soc-api's, declared once in soc-api-contract.json and checked against the Java code by
# services/soc-api's ApiGatewayContractTest: no literal of them belongs in this module's .tf files.

locals {
  contract = jsondecode(file("${path.module}/soc-api-contract.json"))

  caller_arn_header     = local.contract.headers.callerArn.name
  gateway_secret_header = local.contract.headers.gatewaySecret.name
  authorization         = local.contract.authorization

  throttle_rate_limit  = coalesce(var.throttle_rate_limit, local.contract.throttle.ratePerSecond)
  throttle_burst_limit = coalesce(var.throttle_burst_limit, local.contract.throttle.burst)

  gateway_secret = data.aws_secretsmanager_secret_version.gateway.secret_string

  # What every request carries to soc-api; each mapping is meant to replace whatever the caller sent
  # under that name (check it on the first deployed stage: README). The secret is a static value.
  forwarded_headers = {
    "integration.request.header.${local.caller_arn_header}"     = local.contract.headers.callerArn.from
    "integration.request.header.${local.gateway_secret_header}" = "'${local.gateway_secret}'"
  }

  access_log_format = jsonencode({
    requestId          = "$context.requestId"
    extendedRequestId  = "$context.extendedRequestId"
    requestTime        = "$context.requestTime"
    sourceIp           = "$context.identity.sourceIp"
    userAgent          = "$context.identity.userAgent"
    callerArn          = "$context.identity.userArn"
    accountId          = "$context.identity.accountId"
    httpMethod         = "$context.httpMethod"
    path               = "$context.path"
    resourcePath       = "$context.resourcePath"
    protocol           = "$context.protocol"
    status             = "$context.status"
    responseLength     = "$context.responseLength"
    responseLatency    = "$context.responseLatency"
    integrationStatus  = "$context.integration.status"
    integrationLatency = "$context.integration.latency"
    integrationError   = "$context.integration.error"
    errorMessage       = "$context.error.message"
    wafStatus          = "$context.waf.status"
  })
}

data "aws_secretsmanager_secret_version" "gateway" {
  secret_id = var.gateway_secret_arn
}

resource "aws_api_gateway_rest_api" "this" {
  name        = var.name
  description = "SOC agent API (soc-api): IAM callers through a VPC link"
  tags        = var.tags

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_vpc_link" "this" {
  name        = var.name
  description = "API Gateway to the soc-api NLB"
  target_arns = var.nlb_arns
  tags        = var.tags
}

# "/" and "/{proxy+}": every path and method of soc-api, each signed with SigV4.

resource "aws_api_gateway_resource" "proxy" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "{proxy+}"
}

resource "aws_api_gateway_method" "root" {
  rest_api_id   = aws_api_gateway_rest_api.this.id
  resource_id   = aws_api_gateway_rest_api.this.root_resource_id
  http_method   = "ANY"
  authorization = local.authorization
}

resource "aws_api_gateway_method" "proxy" {
  rest_api_id   = aws_api_gateway_rest_api.this.id
  resource_id   = aws_api_gateway_resource.proxy.id
  http_method   = "ANY"
  authorization = local.authorization

  request_parameters = {
    "method.request.path.proxy" = true
  }
}

resource "aws_api_gateway_integration" "root" {
  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_rest_api.this.root_resource_id
  http_method             = aws_api_gateway_method.root.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "ANY"
  uri                     = "${var.backend_url}/"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.this.id
  timeout_milliseconds    = var.integration_timeout_ms
  request_parameters      = local.forwarded_headers

  lifecycle {
    precondition {
      condition     = length(local.gateway_secret) >= 16 && !strcontains(local.gateway_secret, "'")
      error_message = "The gateway secret is at least 16 characters, without a single quote (it is a quoted static header value)."
    }
  }
}

resource "aws_api_gateway_integration" "proxy" {
  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_resource.proxy.id
  http_method             = aws_api_gateway_method.proxy.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "ANY"
  uri                     = "${var.backend_url}/{proxy}"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.this.id
  timeout_milliseconds    = var.integration_timeout_ms

  request_parameters = merge(local.forwarded_headers, {
    "integration.request.path.proxy" = "method.request.path.proxy"
  })

  lifecycle {
    precondition {
      condition     = length(local.gateway_secret) >= 16 && !strcontains(local.gateway_secret, "'")
      error_message = "The gateway secret is at least 16 characters, without a single quote (it is a quoted static header value)."
    }
  }
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id

  # A new deployment whenever what the stage serves changes (the secret included: rotating it is a
  # new secret version, then an apply).
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.proxy.id,
      aws_api_gateway_method.root,
      aws_api_gateway_method.proxy,
      aws_api_gateway_integration.root,
      aws_api_gateway_integration.proxy,
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${var.name}/${var.stage_name}/access"
  retention_in_days = var.access_log_retention_days
  kms_key_id        = var.access_log_kms_key_arn
  tags              = var.tags
}

resource "aws_api_gateway_account" "this" {
  count               = var.cloudwatch_role_arn == null ? 0 : 1
  cloudwatch_role_arn = var.cloudwatch_role_arn
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id          = aws_api_gateway_rest_api.this.id
  deployment_id        = aws_api_gateway_deployment.this.id
  stage_name           = var.stage_name
  xray_tracing_enabled = var.xray_tracing_enabled
  tags                 = var.tags

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = local.access_log_format
  }

  depends_on = [aws_api_gateway_account.this]
}

# Every method of the stage: its throttling (the stage's total, every caller together; soc-api
# throttles each caller at the same figures by default), metrics and execution logs.
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    throttling_rate_limit  = local.throttle_rate_limit
    throttling_burst_limit = local.throttle_burst_limit
    metrics_enabled        = true
    logging_level          = var.execution_logging_level
    # never: a data trace logs the integration request, the gateway secret header with it
    data_trace_enabled = false
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  count        = var.waf_web_acl_arn == null ? 0 : 1
  resource_arn = aws_api_gateway_stage.this.arn
  web_acl_arn  = var.waf_web_acl_arn
}
