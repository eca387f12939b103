package io.coerouter.router.chat;

import static io.coerouter.router.chat.JsonFields.invalidType;
import static io.coerouter.router.chat.JsonFields.requiredString;
import static io.coerouter.router.chat.JsonFields.unsupported;

import io.coerouter.expert.ChatMessage;
import io.coerouter.router.error.JsonBodies;
import io.coerouter.router.error.RouterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads a request's {@code messages}: roles, text content, and refuses tool calls and non-text parts. */
final class MessageParser {

    private static final Map<String, ChatMessage.Role> ROLES = Map.of(
            "system", ChatMessage.Role.SYSTEM,
            "developer", ChatMessage.Role.SYSTEM,
            "user", ChatMessage.Role.USER,
            "assistant", ChatMessage.Role.ASSISTANT);

    private MessageParser() {}

    static List<ChatMessage> messages(JsonNode root) {
        JsonNode node = root.get("messages");
        if (node == null || node.isNull()) {
            throw RouterException.invalid(
                    "messages", "missing_required_parameter", "Missing required parameter: 'messages'.");
        }
        if (!node.isArray()) {
            throw invalidType("messages", "an array", node);
        }
        if (node.isEmpty()) {
            throw RouterException.invalid(
                    "messages", "empty_array", "Invalid 'messages': expected at least one message, but got none.");
        }
        List<ChatMessage> messages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalidType(path, "an object", node);
        }
        for (String name : node.propertyNames()) {
            switch (name) {
                case "role", "content", "name", "refusal" -> {}
                case "tool_calls", "function_call", "tool_call_id" ->
                    throw unsupported(path + "." + name, "Tool calls are not supported by CoE Router yet.");
                default -> throw JsonFields.unknown(path, name);
            }
        }
        for (String optional : List.of("name", "refusal")) {
            JsonNode value = node.get(optional);
            if (value != null && !value.isNull() && !value.isString()) {
                throw invalidType(path + "." + optional, "a string", value);
            }
        }
        String roleName = requiredString(node, "role", path + ".role");
        ChatMessage.Role role = ROLES.get(roleName);
        if (role == null) {
            if (roleName.equals("tool") || roleName.equals("function")) {
                throw unsupported(path + ".role", "Messages with role '" + roleName + "' are not supported yet.");
            }
            throw RouterException.invalid(
                    path + ".role",
                    "invalid_value",
                    "Invalid value for '" + path + ".role': expected one of system, developer, user, assistant, but"
                            + " got '" + JsonBodies.echo(roleName) + "'.");
        }
        return new ChatMessage(role, content(node.get("content"), path + ".content"));
    }

    private static String content(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw RouterException.invalid(
                    path, "missing_required_parameter", "Missing required parameter: '" + path + "'.");
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (!node.isArray()) {
            throw invalidType(path, "a string or an array of content parts", node);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            JsonNode part = node.get(i);
            String partPath = path + "[" + i + "]";
            if (!part.isObject()) {
                throw invalidType(partPath, "an object", part);
            }
            String type = requiredString(part, "type", partPath + ".type");
            if (!type.equals("text")) {
                throw unsupported(
                        partPath + ".type",
                        "Content parts of type '" + JsonBodies.echo(type) + "' are not supported; send text.");
            }
            text.append(requiredString(part, "text", partPath + ".text"));
        }
        return text.toString();
    }
}
