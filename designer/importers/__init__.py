"""Importers: CloudFormation, Terraform and draw.io files read into designs."""
