output "rest_api_id" {
  description = "ID of the REST API."
  value       = aws_api_gateway_rest_api.this.id
}

output "invoke_url" {
  description = "Base URL of the stage: SigV4-signed requests (service execute-api) to <invoke_url>/api/v1/..."
  value       = aws_api_gateway_stage.this.invoke_url
}

output "invoke_resource_arn" {
  description = "The execute-api:Invoke resource of every method of the stage, for the callers' IAM policies (narrow it with /<METHOD>/<path>)."
  value       = "${aws_api_gateway_rest_api.this.execution_arn}/${aws_api_gateway_stage.this.stage_name}/*/*"
}

output "stage_arn" {
  description = "ARN of the stage (e.g. for a WAF association made elsewhere)."
  value       = aws_api_gateway_stage.this.arn
}

output "vpc_link_id" {
  description = "ID of the VPC link to the NLB."
  value       = aws_api_gateway_vpc_link.this.id
}

output "access_log_group_name" {
  description = "CloudWatch log group of the stage's access logs."
  value       = aws_cloudwatch_log_group.access.name
}

output "soc_api_task_secrets" {
  description = "The soc-api task's secrets (ECS container definition `secrets`: name and valueFrom) that make it accept this gateway."
  value = [
    {
      name      = "SOC_API_SECURITY_IAM_GATEWAYSECRET"
      valueFrom = var.gateway_secret_arn
    },
  ]
}
