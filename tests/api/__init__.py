"""Tests for the Home Assistant-free ZORT Open API client."""
