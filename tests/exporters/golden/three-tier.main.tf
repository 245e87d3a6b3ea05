terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

provider "aws" {
  alias = "ap_northeast_2"
  region = "ap-northeast-2"
}

data "aws_ssm_parameter" "ami_ap_northeast_2" {
  provider = aws.ap_northeast_2
  name = var.ami_ssm_parameter
}

data "aws_availability_zones" "ap_northeast_2" {
  provider = aws.ap_northeast_2
  state = "available"
}

resource "aws_route53_zone" "example_com" {
  provider = aws.ap_northeast_2
  name = "example.com"
  comment = "example.com"
  tags = {
    Name = "example.com"
  }
}

resource "aws_route53_record" "www_example_com" {
  provider = aws.ap_northeast_2
  zone_id = aws_route53_zone.example_com.zone_id
  name = "www.example.com"
  type = "A"
  alias {
    name = aws_lb.web_alb.dns_name
    zone_id = aws_lb.web_alb.zone_id
    evaluate_target_health = true
  }
}

resource "aws_vpc" "service_vpc" {
  provider = aws.ap_northeast_2
  cidr_block = "10.0.0.0/16"
  enable_dns_support = true
  enable_dns_hostnames = true
  tags = {
    Name = "서비스 VPC / Service VPC"
  }
}

resource "aws_internet_gateway" "igw" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "인터넷 게이트웨이 / IGW"
  }
}

resource "aws_security_group" "alb_sg" {
  provider = aws.ap_northeast_2
  description = "ALB SG"
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "ALB 보안 그룹 / ALB SG"
  }
}

resource "aws_vpc_security_group_ingress_rule" "alb_sg_ingress_1" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.alb_sg.id
  ip_protocol = "tcp"
  from_port = 443
  to_port = 443
  cidr_ipv4 = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "alb_sg_ingress_2" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.alb_sg.id
  ip_protocol = "tcp"
  from_port = 80
  to_port = 80
  cidr_ipv4 = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "alb_sg_egress_3" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.alb_sg.id
  ip_protocol = "-1"
  cidr_ipv4 = "0.0.0.0/0"
  description = "all outbound (AWS default)"
}

resource "aws_security_group" "web_sg" {
  provider = aws.ap_northeast_2
  description = "Web SG"
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "웹 보안 그룹 / Web SG"
  }
}

resource "aws_vpc_security_group_ingress_rule" "web_sg_ingress_1" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.web_sg.id
  ip_protocol = "tcp"
  from_port = 80
  to_port = 80
  referenced_security_group_id = aws_security_group.alb_sg.id
}

resource "aws_vpc_security_group_egress_rule" "web_sg_egress_2" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.web_sg.id
  ip_protocol = "-1"
  cidr_ipv4 = "0.0.0.0/0"
  description = "all outbound (AWS default)"
}

resource "aws_security_group" "db_sg" {
  provider = aws.ap_northeast_2
  description = "DB SG"
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "DB 보안 그룹 / DB SG"
  }
}

resource "aws_vpc_security_group_ingress_rule" "db_sg_ingress_1" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.db_sg.id
  ip_protocol = "tcp"
  from_port = 3306
  to_port = 3306
  referenced_security_group_id = aws_security_group.web_sg.id
}

resource "aws_vpc_security_group_egress_rule" "db_sg_egress_2" {
  provider = aws.ap_northeast_2
  security_group_id = aws_security_group.db_sg.id
  ip_protocol = "-1"
  cidr_ipv4 = "0.0.0.0/0"
  description = "all outbound (AWS default)"
}

resource "aws_lb" "web_alb" {
  provider = aws.ap_northeast_2
  internal = false
  load_balancer_type = "application"
  subnets = [aws_subnet.public_a.id, aws_subnet.public_c.id]
  security_groups = [aws_security_group.alb_sg.id]
  tags = {
    Name = "웹 ALB / Web ALB"
  }
}

resource "aws_lb_target_group" "web_alb_target_group" {
  provider = aws.ap_northeast_2
  port = 80
  protocol = "HTTP"
  vpc_id = aws_vpc.service_vpc.id
  target_type = "instance"
  health_check {
    protocol = "HTTP"
    port = "80"
    path = "/health"
  }
  tags = {
    Name = "웹 ALB / Web ALB"
  }
}

resource "aws_lb_listener" "web_alb_listener_443" {
  provider = aws.ap_northeast_2
  load_balancer_arn = aws_lb.web_alb.arn
  port = 443
  protocol = "HTTPS"
  certificate_arn = var.web_alb_certificate_443
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  default_action {
    type = "forward"
    target_group_arn = aws_lb_target_group.web_alb_target_group.arn
  }
}

resource "aws_lb_listener" "web_alb_listener_80" {
  provider = aws.ap_northeast_2
  load_balancer_arn = aws_lb.web_alb.arn
  port = 80
  protocol = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port = "443"
      protocol = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_launch_template" "web_asg_launch_template" {
  provider = aws.ap_northeast_2
  image_id = data.aws_ssm_parameter.ami_ap_northeast_2.insecure_value
  instance_type = "t3.small"
  key_name = var.key_name
  vpc_security_group_ids = [aws_security_group.web_sg.id]
  tag_specifications {
    resource_type = "instance"
    tags = {
      Name = "웹 서버 Auto Scaling 그룹 / Web ASG"
    }
  }
}

resource "aws_autoscaling_group" "web_asg" {
  provider = aws.ap_northeast_2
  min_size = 2
  max_size = 6
  desired_capacity = 2
  vpc_zone_identifier = [aws_subnet.app_a.id, aws_subnet.app_c.id]
  health_check_type = "ELB"
  health_check_grace_period = 300
  target_group_arns = [aws_lb_target_group.web_alb_target_group.arn]
  launch_template {
    id = aws_launch_template.web_asg_launch_template.id
    version = "$Latest"
  }
  tag {
    key = "Name"
    value = "웹 서버 Auto Scaling 그룹 / Web ASG"
    propagate_at_launch = true
  }
}

resource "aws_vpc_endpoint" "s3_endpoint" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  service_name = "com.amazonaws.ap-northeast-2.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids = [aws_route_table.app_a_route_table.id, aws_route_table.app_c_route_table.id]
  tags = {
    Name = "S3 게이트웨이 엔드포인트 / S3 endpoint"
  }
}

resource "aws_subnet" "public_a" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  cidr_block = "10.0.0.0/24"
  availability_zone = data.aws_availability_zones.ap_northeast_2.names[0]
  map_public_ip_on_launch = true
  tags = {
    Name = "퍼블릭 서브넷 / Public A"
  }
}

resource "aws_route_table" "public_a_route_table" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "퍼블릭 서브넷 / Public A"
  }
}

resource "aws_route" "public_a_route_1" {
  provider = aws.ap_northeast_2
  route_table_id = aws_route_table.public_a_route_table.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id = aws_internet_gateway.igw.id
}

resource "aws_route_table_association" "public_a_route_table_association" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.public_a.id
  route_table_id = aws_route_table.public_a_route_table.id
}

resource "aws_nat_gateway" "nat_a" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.public_a.id
  allocation_id = aws_eip.eip_a.allocation_id
  depends_on = [aws_internet_gateway.igw]
  tags = {
    Name = "NAT 게이트웨이 A"
  }
}

resource "aws_subnet" "app_a" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  cidr_block = "10.0.10.0/24"
  availability_zone = data.aws_availability_zones.ap_northeast_2.names[0]
  tags = {
    Name = "앱 서브넷 / App A"
  }
}

resource "aws_route_table" "app_a_route_table" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "앱 서브넷 / App A"
  }
}

resource "aws_route" "app_a_route_1" {
  provider = aws.ap_northeast_2
  route_table_id = aws_route_table.app_a_route_table.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id = aws_nat_gateway.nat_a.id
}

resource "aws_route_table_association" "app_a_route_table_association" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.app_a.id
  route_table_id = aws_route_table.app_a_route_table.id
}

resource "aws_subnet" "db_a" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  cidr_block = "10.0.20.0/24"
  availability_zone = data.aws_availability_zones.ap_northeast_2.names[0]
  tags = {
    Name = "DB 서브넷 / DB A"
  }
}

resource "aws_route_table" "db_a_route_table" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "DB 서브넷 / DB A"
  }
}

resource "aws_route_table_association" "db_a_route_table_association" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.db_a.id
  route_table_id = aws_route_table.db_a_route_table.id
}

resource "aws_subnet" "public_c" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  cidr_block = "10.0.1.0/24"
  availability_zone = data.aws_availability_zones.ap_northeast_2.names[1]
  map_public_ip_on_launch = true
  tags = {
    Name = "퍼블릭 서브넷 / Public C"
  }
}

resource "aws_route_table" "public_c_route_table" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "퍼블릭 서브넷 / Public C"
  }
}

resource "aws_route" "public_c_route_1" {
  provider = aws.ap_northeast_2
  route_table_id = aws_route_table.public_c_route_table.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id = aws_internet_gateway.igw.id
}

resource "aws_route_table_association" "public_c_route_table_association" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.public_c.id
  route_table_id = aws_route_table.public_c_route_table.id
}

resource "aws_nat_gateway" "nat_c" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.public_c.id
  allocation_id = aws_eip.eip_c.allocation_id
  depends_on = [aws_internet_gateway.igw]
  tags = {
    Name = "NAT 게이트웨이 C"
  }
}

resource "aws_subnet" "app_c" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  cidr_block = "10.0.11.0/24"
  availability_zone = data.aws_availability_zones.ap_northeast_2.names[1]
  tags = {
    Name = "앱 서브넷 / App C"
  }
}

resource "aws_route_table" "app_c_route_table" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "앱 서브넷 / App C"
  }
}

resource "aws_route" "app_c_route_1" {
  provider = aws.ap_northeast_2
  route_table_id = aws_route_table.app_c_route_table.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id = aws_nat_gateway.nat_c.id
}

resource "aws_route_table_association" "app_c_route_table_association" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.app_c.id
  route_table_id = aws_route_table.app_c_route_table.id
}

resource "aws_subnet" "db_c" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  cidr_block = "10.0.21.0/24"
  availability_zone = data.aws_availability_zones.ap_northeast_2.names[1]
  tags = {
    Name = "DB 서브넷 / DB C"
  }
}

resource "aws_route_table" "db_c_route_table" {
  provider = aws.ap_northeast_2
  vpc_id = aws_vpc.service_vpc.id
  tags = {
    Name = "DB 서브넷 / DB C"
  }
}

resource "aws_route_table_association" "db_c_route_table_association" {
  provider = aws.ap_northeast_2
  subnet_id = aws_subnet.db_c.id
  route_table_id = aws_route_table.db_c_route_table.id
}

resource "aws_db_subnet_group" "orders_db_subnet_group" {
  provider = aws.ap_northeast_2
  description = "Orders DB"
  subnet_ids = [aws_subnet.db_a.id, aws_subnet.db_c.id]
  tags = {
    Name = "주문 DB / Orders DB"
  }
}

resource "aws_db_instance" "orders_db" {
  provider = aws.ap_northeast_2
  engine = "mysql"
  instance_class = "db.t3.medium"
  allocated_storage = 20
  username = var.orders_db_master_username
  password = var.orders_db_master_password
  db_subnet_group_name = aws_db_subnet_group.orders_db_subnet_group.name
  vpc_security_group_ids = [aws_security_group.db_sg.id]
  multi_az = true
  publicly_accessible = false
  storage_encrypted = true
  backup_retention_period = 7
  final_snapshot_identifier = "db-orders-db-final"
  tags = {
    Name = "주문 DB / Orders DB"
  }
}

resource "aws_eip" "eip_a" {
  provider = aws.ap_northeast_2
  domain = "vpc"
  tags = {
    Name = "NAT A 탄력적 IP / EIP A"
  }
}

resource "aws_eip" "eip_c" {
  provider = aws.ap_northeast_2
  domain = "vpc"
  tags = {
    Name = "NAT C 탄력적 IP / EIP C"
  }
}

resource "aws_s3_bucket" "assets_bucket" {
  provider = aws.ap_northeast_2
  bucket = "example-three-tier-assets"
  tags = {
    Name = "정적 자산 버킷 / Assets bucket"
  }
}

resource "aws_s3_bucket_versioning" "assets_bucket_versioning" {
  provider = aws.ap_northeast_2
  bucket = aws_s3_bucket.assets_bucket.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets_bucket_encryption" {
  provider = aws.ap_northeast_2
  bucket = aws_s3_bucket.assets_bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "assets_bucket_public_access_block" {
  provider = aws.ap_northeast_2
  bucket = aws_s3_bucket.assets_bucket.id
  block_public_acls = true
  block_public_policy = true
  ignore_public_acls = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "assets_bucket_lifecycle" {
  provider = aws.ap_northeast_2
  bucket = aws_s3_bucket.assets_bucket.id
  rule {
    id = "lifecycle"
    status = "Enabled"
    filter {
    }
    transition {
      days = 30
      storage_class = "STANDARD_IA"
    }
    transition {
      days = 90
      storage_class = "GLACIER"
    }
  }
}
