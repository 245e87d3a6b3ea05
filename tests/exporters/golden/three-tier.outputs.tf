output "web_alb_dns_name" {
  description = "DNS name of alb"
  value = aws_lb.web_alb.dns_name
}
