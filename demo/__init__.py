"""The demo recordings and the script that makes them."""
