process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
