package dev.supervisor.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import dev.supervisor.core.InvalidSettingException;
import dev.supervisor.core.process.ProcessSpec;

/**
 * Settings of one supervised OS process: the settings every worker has, plus what to run and
 * how. The worker settings are merged with {@code supervisor.defaults} like any worker's; the
 * process settings below apply to this process only.
 */
public class ProcessProperties extends WorkerProperties {

	/**
	 * Command line to run, program first; not run through a shell.
	 */
	private List<String> command = new ArrayList<>();

	/**
	 * Working directory of the process; the application's own when not set.
	 */
	private @Nullable File workingDirectory;

	/**
	 * Environment variables added to the application's environment for the process.
	 */
	private Map<String, String> environment = new LinkedHashMap<>();

	/**
	 * Whether the process sees the application's whole environment; when false it sees only
	 * the variables named in pass-environment and those of environment.
	 */
	private boolean inheritEnvironment = true;

	/**
	 * Names of the application's environment variables the process still sees when
	 * inherit-environment is false, such as PATH and LANG.
	 */
	private List<String> passEnvironment = new ArrayList<>();

	/**
	 * How long to wait after SIGTERM before the process and its descendants are killed.
	 */
	private Duration stopTimeout = Duration.ofSeconds(10);

	/**
	 * Exit codes that count as a successful run.
	 */
	private List<Integer> successExitCodes = new ArrayList<>(List.of(0));

	/**
	 * Number of recent output lines kept in memory.
	 */
	private int outputLines = 200;

	public List<String> getCommand() {
		return this.command;
	}

	public void setCommand(List<String> command) {
		this.command = command;
	}

	public @Nullable File getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(@Nullable File workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public Map<String, String> getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(Map<String, String> environment) {
		this.environment = environment;
	}

	public boolean isInheritEnvironment() {
		return this.inheritEnvironment;
	}

	public void setInheritEnvironment(boolean inheritEnvironment) {
		this.inheritEnvironment = inheritEnvironment;
	}

	public List<String> getPassEnvironment() {
		return this.passEnvironment;
	}

	public void setPassEnvironment(List<String> passEnvironment) {
		this.passEnvironment = passEnvironment;
	}

	public Duration getStopTimeout() {
		return this.stopTimeout;
	}

	public void setStopTimeout(Duration stopTimeout) {
		this.stopTimeout = stopTimeout;
	}

	public List<Integer> getSuccessExitCodes() {
		return this.successExitCodes;
	}

	public void setSuccessExitCodes(List<Integer> successExitCodes) {
		this.successExitCodes = successExitCodes;
	}

	public int getOutputLines() {
		return this.outputLines;
	}

	public void setOutputLines(int outputLines) {
		this.outputLines = outputLines;
	}

	/**
	 * The engine's spec of the process, validated by the engine, whose program is found as the
	 * process worker will look for it, so that a typo fails start-up rather than every run.
	 * @param name the process's name
	 * @return the spec
	 * @throws InvalidConfigurationPropertyValueException for a working directory that does not
	 * exist, or pass-environment without inherit-environment=false
	 * @throws InvalidSettingException if the engine refuses a value or finds no program
	 */
	public ProcessSpec toSpec(String name) {
		String key = SupervisorProperties.processKey(name);
		if (this.workingDirectory != null && !this.workingDirectory.isDirectory()) {
			throw new InvalidConfigurationPropertyValueException(key + ".working-directory", this.workingDirectory,
					"The working directory of a process must be an existing directory");
		}
		if (this.inheritEnvironment && !this.passEnvironment.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException(key + ".pass-environment", this.passEnvironment,
					"pass-environment applies only with " + key + ".inherit-environment=false: with true, every "
							+ "variable of the application is passed already");
		}
		ProcessSpec spec = ProcessSpec.builder(name, this.command)
			.workingDirectory((this.workingDirectory != null) ? this.workingDirectory.toPath() : null)
			.environment(this.environment)
			.inheritEnvironment(this.inheritEnvironment)
			.passEnvironment(this.passEnvironment)
			.stopTimeout(this.stopTimeout)
			.successExitCodes(this.successExitCodes)
			.outputLines(this.outputLines)
			.build();
		spec.requireProgram();
		return spec;
	}

}
