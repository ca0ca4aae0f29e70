"""Hub provisioning: MQTT credentials, the Mosquitto password and ACL files, config snippets."""
