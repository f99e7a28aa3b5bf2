MERGE INTO tenant (name) KEY (name) VALUES ('acme'), ('globex');
