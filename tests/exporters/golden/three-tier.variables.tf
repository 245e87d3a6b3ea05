variable "web_alb_certificate_443" {
  description = "ACM certificate ARN for listener 443 of alb"
  type = string
  default = "arn:aws:acm:ap-northeast-2:123456789012:certificate/example"
}

variable "ami_ssm_parameter" {
  description = "SSM parameter that holds the AMI id"
  type = string
  default = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

variable "key_name" {
  description = "EC2 key pair for SSH (null: none)"
  type = string
  default = null
}

variable "orders_db_master_username" {
  description = "Master user name of db"
  type = string
  default = "dbadmin"
}

variable "orders_db_master_password" {
  description = "Master password of db"
  type = string
  sensitive = true
}
