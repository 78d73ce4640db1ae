package org.billingreports;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BillingReportsApplication {

	public static void main(String[] args) {
		SpringApplication.run(BillingReportsApplication.class, args);
	}

}
